import Foundation
import Testing
@testable import SegmentDaemon
import SegmentSupport

/// Every failed input gets one manifest (`"outcome": "failed"`), exactly once through a crash at any of its steps;
/// a file that is mostly rejects fails with `too_many_rejects`.
@Suite("Failed inputs")
struct FailedInputTests {
    @Test("the failed manifest is published only once the input is in var/failed; a crash then only finishes it")
    func manifestFollowsTheMove() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("broken.csv", "name\nx\n")
        _ = harness.run("broken.csv", stopAfter: .failedManifestPublished)
        let before = try #require(tree.text(tree.outbox, "broken.manifest.json"))
        #expect(tree.names(in: tree.failed) == ["broken.csv", "broken.csv.error.json"], "where moved_to says")
        // Still named in the work directory (the same file) until the manifest is out, so a crash finishes it.
        #expect(tree.names(in: tree.work) == ["broken.csv"])
        let linked = try Syscall.lstat(tree.failed + "/broken.csv").identity
        #expect(try Syscall.lstat(tree.work + "/broken.csv").identity == linked)

        let outcomes = try harness.restart()

        guard case .failed(_, let failedName) = outcomes.first, outcomes.count == 1 else {
            Issue.record("expected the restart to finish the failure, got \(outcomes)")
            return
        }
        #expect(failedName == "broken.csv")
        #expect(tree.text(tree.outbox, "broken.manifest.json") == before, "published once, bytes kept")
        #expect(tree.names(in: tree.outbox) == ["broken.manifest.json"])
        #expect(tree.names(in: tree.failed) == ["broken.csv", "broken.csv.error.json"])
        #expect(tree.names(in: tree.work).isEmpty)
    }

    @Test("a crash after the failure is recorded: the restart publishes the recorded manifest and moves the input")
    func crashAfterFailureRecorded() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("broken.csv", "name\nx\n")
        _ = harness.run("broken.csv", stopAfter: .failureRecorded)
        #expect(tree.names(in: tree.outbox).isEmpty)

        _ = try harness.restart()

        let manifest = try #require(Manifest.existing(at: tree.outbox + "/broken.manifest.json"))
        #expect(manifest.outcome == "failed")
        #expect(manifest.failure?.movedTo == tree.failed + "/broken.csv")
        #expect(tree.names(in: tree.failed) == ["broken.csv", "broken.csv.error.json"])
        #expect(tree.names(in: tree.work).isEmpty)
    }

    @Test("kill -9 after the input is linked into var/failed, before its manifest: the restart publishes it")
    func crashAfterMoveToFailed() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("broken.csv", "name\nx\n")
        _ = harness.run("broken.csv", stopAfter: .movedToFailed)
        #expect(tree.names(in: tree.outbox).isEmpty)
        #expect(tree.names(in: tree.work) == ["broken.csv"])

        let outcomes = try harness.restart()

        #expect(outcomes.count == 1)
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/broken.manifest.json"))
        #expect(manifest.outcome == "failed")
        #expect(manifest.failure?.movedTo == tree.failed + "/broken.csv")
        #expect(tree.names(in: tree.failed) == ["broken.csv", "broken.csv.error.json"])
        #expect(tree.names(in: tree.work).isEmpty)
        let identity = try Syscall.lstat(tree.failed + "/broken.csv").identity
        #expect(try harness.ledger.unarchivedEntry(for: identity) == nil, "settled")
    }

    @Test("rows read but none scored fail with too_many_rejects: rejects published and listed, scored output not")
    func allRowsRejectedFails() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("all-bad.csv", "id,v\n1,bad\n2,bad\n3,bad\n")

        let outcome = harness.run("all-bad.csv")

        guard case .failed(let reason, _) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(reason.contains("none was scored"), "\(reason)")
        #expect(tree.names(in: tree.outbox) == ["all-bad.manifest.json", "all-bad.rejects.csv"])
        #expect(tree.names(in: tree.failed) == ["all-bad.csv", "all-bad.csv.error.json"])
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/all-bad.manifest.json"))
        #expect(manifest.failure?.reason == .tooManyRejects)
        #expect(manifest.rows == ProcessedCounts(rowsRead: 3, rowsScored: 0, rowsRejected: 3))
        #expect(manifest.outputs == Manifest.Outputs(scored: nil, rejects: "all-bad.rejects.csv", artifacts: nil))
    }

    @Test(
        "a reject share above max_reject_share fails the file, at or below it the file is scored",
        arguments: [(0.5, "scored"), (0.4, "scored"), (0.39, "failed"), (0.0, "failed")])
    func rejectShareAgainstTheLimit(limit: Double, expected: String) throws {
        var tree = try TestTree()
        defer { tree.remove() }
        tree.configuration.maxRejectShare = limit
        let harness = try JobHarness(tree: tree)
        try tree.drop("some-bad.csv", "id,v\n1,ok\n2,bad\n3,ok\n4,bad\n5,ok\n")

        let outcome = harness.run("some-bad.csv")

        #expect(outcome.word == expected)
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/some-bad.manifest.json"))
        #expect(manifest.outcome == expected)
        #expect(manifest.rows == ProcessedCounts(rowsRead: 5, rowsScored: 3, rowsRejected: 2))
        #expect(tree.names(in: tree.outbox).contains("some-bad.scored.csv") == (expected == "scored"))
    }

    @Test("a header-only file is scored with 0 rows")
    func headerOnlyIsScored() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("header.csv", "id,v\n")

        let outcome = harness.run("header.csv")

        #expect(
            outcome
                == .scored(
                    ProcessedCounts(rowsRead: 0, rowsScored: 0, rowsRejected: 0), manifest: "header.manifest.json"))
    }

    @Test("a failed input's content is no duplicate: a copy put back fails again under the next stem")
    func failedContentIsNoDuplicate() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("broken.csv", "name\nx\n")
        _ = harness.run("broken.csv")
        try tree.drop("broken.csv", "name\nx\n")

        let outcome = harness.run("broken.csv")

        #expect(outcome.word == "failed")
        #expect(
            Manifest.existing(at: tree.outbox + "/broken-2.manifest.json")?.failure?.movedTo == tree.failed
                + "/broken-2.csv")
        #expect(
            tree.names(in: tree.failed) == [
                "broken-2.csv", "broken-2.csv.error.json", "broken.csv", "broken.csv.error.json",
            ])
    }
}
