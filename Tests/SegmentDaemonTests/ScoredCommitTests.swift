import Foundation
import Testing
@testable import SegmentDaemon

@Suite("Scored commit")
struct ScoredCommitTests {
    @Test("a scored file's record runs before its manifest is published, its follow-up (the retrain rules) after")
    func followUpRunsAfterTheManifest() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = CommitProbe(outbox: tree.outbox)
        var harness = try JobHarness(tree: tree)
        harness.processor = FakeProcessor(commitProbe: probe)
        try tree.drop("monday.csv", "id\n1\n2\n")

        #expect(
            harness.run("monday.csv")
                == .scored(
                    ProcessedCounts(rowsRead: 2, rowsScored: 2, rowsRejected: 0), manifest: "monday.manifest.json"))

        #expect(
            probe.steps == [
                CommitProbe.Step(name: "commit", manifests: []),
                CommitProbe.Step(name: "after publication", manifests: ["monday.manifest.json"]),
            ])
    }

    @Test("a duplicate runs neither step")
    func duplicateRunsNothing() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = CommitProbe(outbox: tree.outbox)
        var harness = try JobHarness(tree: tree)
        try tree.drop("monday.csv", "id\n1\n")
        _ = harness.run("monday.csv")
        harness.processor = FakeProcessor(commitProbe: probe)
        try tree.drop("copy.csv", "id\n1\n")

        #expect(harness.run("copy.csv") == .duplicate(of: "monday.csv", manifest: "copy.manifest.json"))
        #expect(probe.steps.isEmpty)
    }
}
