import Foundation
import Testing
@testable import SegmentDaemon
import SegmentSupport

@Suite("File job")
struct FileJobTests {
    @Test("a good file is scored, published with rejects and manifest, and archived")
    func scoresPublishesAndArchives() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        let input = "id,x\n1,a\n2,bad\n3,c\n"
        try tree.drop("customers.csv", input)

        let outcome = harness.run("customers.csv")

        #expect(
            outcome
                == .scored(
                    ProcessedCounts(rowsRead: 3, rowsScored: 2, rowsRejected: 1), manifest: "customers.manifest.json"))
        #expect(
            tree.names(in: tree.outbox) == ["customers.manifest.json", "customers.rejects.csv", "customers.scored.csv"])
        #expect(tree.text(tree.outbox, "customers.scored.csv") == "id,x,segment\n1,a,0\n3,c,0\n")
        #expect(tree.names(in: tree.archive) == ["customers.csv"])
        #expect(tree.names(in: tree.inbox).isEmpty)
        #expect(tree.names(in: tree.work).isEmpty)
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/customers.manifest.json"))
        #expect(manifest.input.name == "customers.csv")
        #expect(manifest.input.size == Int64(input.utf8.count))
        #expect(manifest.input.sha256 == ContentDigest.sha256(of: Array(input.utf8)))
        #expect(manifest.rows == ProcessedCounts(rowsRead: 3, rowsScored: 2, rowsRejected: 1))
        #expect(manifest.modelVersion == "fake-model-1")
        #expect(manifest.plugins.isEmpty)
        #expect(manifest.outputs == Manifest.Outputs(scored: "customers.scored.csv", rejects: "customers.rejects.csv"))
    }

    @Test("a JSON Lines input gets a .jsonl scored output")
    func jsonLinesInputGivesJsonLinesOutput() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("events.jsonl", "id\n1\n")

        _ = harness.run("events.jsonl")

        #expect(tree.names(in: tree.outbox).contains("events.scored.jsonl"))
    }

    @Test("a file the processor cannot read goes to failed with an error.json saying why")
    func unprocessableFileGoesToFailed() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("broken.csv", "name,x\n1,a\n")

        let outcome = harness.run("broken.csv")

        guard case .failed(let reason, let failedName) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(failedName == "broken.csv")
        #expect(reason.contains("lacks the 'id' column"))
        #expect(tree.names(in: tree.failed) == ["broken.csv", "broken.csv.error.json"])
        let report = try JSONDecoder().decode(
            FailureReport.self, from: Data(try #require(tree.text(tree.failed, "broken.csv.error.json")).utf8))
        #expect(report.input == "broken.csv")
        #expect(report.reason == reason)
        #expect(tree.names(in: tree.outbox) == ["broken.manifest.json"])
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/broken.manifest.json"))
        #expect(manifest.outcome == "failed")
        #expect(manifest.failure?.reason == .invalidInput)
        #expect(manifest.failure?.message == reason)
        #expect(manifest.failure?.movedTo == tree.failed + "/broken.csv")
        #expect(manifest.failure?.errorFile == tree.failed + "/broken.csv.error.json")
        #expect(manifest.outputs == Manifest.Outputs(scored: nil, rejects: nil, artifacts: nil))
        #expect(
            manifest.input
                == Manifest.Input(
                    name: "broken.csv", size: 11, sha256: ContentDigest.sha256(of: Array("name,x\n1,a\n".utf8))))
        #expect(manifest.rows == nil)
    }

    @Test("an empty file fails with a reason naming it empty")
    func emptyFileFails() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("empty.csv", "")

        let outcome = harness.run("empty.csv")

        guard case .failed(let reason, _) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(reason.contains("empty"))
    }

    @Test("a symbolic link is refused and moved to failed without touching its target")
    func symbolicLinkIsRefused() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        let target = tree.root + "/secret.csv"
        try Data("id\n1\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: tree.inbox + "/link.csv", withDestinationPath: target)

        let outcome = harness.run("link.csv")

        guard case .failed(let reason, _) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(reason.contains("symbolic link"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: tree.failed + "/link.csv") == target)
        #expect(FileManager.default.fileExists(atPath: target))
        #expect(tree.names(in: tree.outbox) == ["link.manifest.json"])
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/link.manifest.json"))
        #expect(manifest.failure?.reason == .notRegularFile)
        #expect(manifest.input == Manifest.Input(name: "link.csv", size: nil, sha256: nil), "a link is not read")
    }

    @Test("a directory is refused and moved to failed")
    func directoryIsRefused() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try FileManager.default.createDirectory(atPath: tree.inbox + "/batch", withIntermediateDirectories: false)

        let outcome = harness.run("batch")

        guard case .failed(let reason, _) = outcome else {
            Issue.record("expected failure, got \(outcome)")
            return
        }
        #expect(reason.contains("directory"))
        #expect(tree.names(in: tree.failed) == ["batch", "batch.error.json"])
    }

    @Test("a second file with the same name but new content is published under a numbered stem")
    func sameNameNewContentGetsNumberedStem() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("daily.csv", "id\n1\n")
        _ = harness.run("daily.csv")
        try tree.drop("daily.csv", "id\n2\n")

        let outcome = harness.run("daily.csv")

        #expect(
            outcome
                == .scored(
                    ProcessedCounts(rowsRead: 1, rowsScored: 1, rowsRejected: 0), manifest: "daily-2.manifest.json"))
        #expect(tree.text(tree.outbox, "daily.scored.csv") == "id,segment\n1,1\n")
        #expect(tree.text(tree.outbox, "daily-2.scored.csv") == "id,segment\n2,1\n")
        #expect(tree.names(in: tree.archive) == ["daily-2.csv", "daily.csv"])
    }

    @Test("a file the outbox cannot take is deferred and kept in the work directory")
    func fullOutboxDefersAndKeepsInput() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        var harness = try JobHarness(tree: tree)
        let probe = ScriptedOutboxProbe()
        probe.setProblem("the outbox has 0 bytes free")
        harness.probe = probe
        harness.processor = FakeProcessor(failure: Errno(ENOSPC, operation: "write", path: "outbox/x"))
        try tree.drop("big.csv", "id\n1\n")

        let outcome = harness.run("big.csv")

        #expect(outcome == .deferred(problem: "the outbox has 0 bytes free", outboxUnavailable: true))
        #expect(tree.names(in: tree.work) == ["big.csv"])
        #expect(tree.names(in: tree.failed).isEmpty)
        #expect(tree.names(in: tree.outbox).filter { !$0.hasPrefix(".") }.isEmpty)
    }

    @Test("a processor failure blamed on the environment keeps the input for a retry; one blamed on it fails it")
    func processingFailureDecidesWhatHappensToTheInput() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        var harness = try JobHarness(tree: tree)
        harness.processor = FakeProcessor(failure: ProcessingFailure(.keepInput, "the plugin database is locked"))
        try tree.drop("kept.csv", "id\n1\n")

        #expect(
            harness.run("kept.csv") == .deferred(problem: "the plugin database is locked", outboxUnavailable: false))
        #expect(tree.names(in: tree.work) == ["kept.csv"])
        #expect(tree.names(in: tree.failed).isEmpty)

        harness.processor = FakeProcessor(failure: ProcessingFailure(.failInput, "the header has no id column"))
        try tree.drop("bad.csv", "id\n2\n")
        let outcome = harness.run("bad.csv")
        guard case .failed(let reason, _) = outcome else {
            Issue.record("the input was not failed: \(outcome)")
            return
        }
        #expect(reason == "the header has no id column")
        #expect(tree.names(in: tree.failed).contains("bad.csv"))
    }
}
