import Foundation
import Testing
@testable import SegmentDaemon

@Suite("Duplicate detection")
struct DuplicateTests {
    @Test("content seen before is recorded as a duplicate and not scored again")
    func duplicateIsNotScoredTwice() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("monday.csv", "id\n1\n2\n")
        _ = harness.run("monday.csv")
        try tree.drop("copy.csv", "id\n1\n2\n")

        let outcome = harness.run("copy.csv")

        #expect(outcome == .duplicate(of: "monday.csv", manifest: "copy.manifest.json"))
        #expect(!tree.names(in: tree.outbox).contains("copy.scored.csv"))
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/copy.manifest.json"))
        #expect(manifest.outcome == "duplicate")
        #expect(
            manifest.duplicateOf
                == Manifest.DuplicateOf(
                    input: "monday.csv", manifest: "monday.manifest.json", modelVersion: "fake-model-1", sameModel: true
                ))
        #expect(manifest.rows == nil)
        #expect(tree.names(in: tree.archive) == ["copy.csv", "monday.csv"])
    }

    @Test(
        "a copy of a file large enough to be flushed in the background is still a duplicate, with no temporaries left")
    func largeDuplicateIsRecognisedAfterScoring() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        let rows = (1...700_000).map { "\($0)\n" }.joined()
        let content = "id\n" + rows
        #expect(content.utf8.count >= 4 << 20, "as large as an input whose output is flushed in the background")
        try tree.drop("big.csv", content)
        _ = harness.run("big.csv")
        try tree.drop("again.csv", content)

        let outcome = harness.run("again.csv")

        #expect(Manifest.existing(at: tree.outbox + "/big.manifest.json")?.outcome == "scored")
        #expect(outcome == .duplicate(of: "big.csv", manifest: "again.manifest.json"))
        let outbox = tree.names(in: tree.outbox)
        #expect(!outbox.contains("again.scored.csv"))
        #expect(!outbox.contains { $0.hasPrefix(".") })
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/again.manifest.json"))
        #expect(manifest.input.sha256 == ContentDigest.sha256(of: Array(content.utf8)))
    }

    @Test("the same file sent again under the same name gets its own duplicate manifest")
    func resentFileGetsSeparateManifest() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("a.csv", "id\n1\n")
        _ = harness.run("a.csv")
        try tree.drop("a.csv", "id\n1\n")

        let outcome = harness.run("a.csv")

        #expect(outcome == .duplicate(of: "a.csv", manifest: "a-2.manifest.json"))
        #expect(Manifest.existing(at: tree.outbox + "/a.manifest.json")?.outcome == "scored")
    }

    @Test("with duplicates = rescore the same content is scored again")
    func rescorePolicyScoresAgain() throws {
        var tree = try TestTree()
        defer { tree.remove() }
        tree.configuration.duplicates = .rescore
        let harness = try JobHarness(tree: tree)
        try tree.drop("one.csv", "id\n1\n")
        _ = harness.run("one.csv")
        try tree.drop("two.csv", "id\n1\n")

        let outcome = harness.run("two.csv")

        #expect(
            outcome
                == .scored(ProcessedCounts(rowsRead: 1, rowsScored: 1, rowsRejected: 0), manifest: "two.manifest.json"))
        #expect(tree.text(tree.outbox, "two.scored.csv") == tree.text(tree.outbox, "one.scored.csv"))
    }

    @Test("the ledger survives a restart: a duplicate is recognised by a new ledger connection")
    func ledgerPersistsAcrossRestart() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        try tree.drop("first.csv", "id\n7\n")
        _ = try JobHarness(tree: tree).run("first.csv")
        try tree.drop("second.csv", "id\n7\n")

        let outcome = try JobHarness(tree: tree).run("second.csv")

        #expect(outcome == .duplicate(of: "first.csv", manifest: "second.manifest.json"))
    }
}
