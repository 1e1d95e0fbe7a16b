import Foundation
import Testing
@testable import SegmentDaemon

/// A job stopped after any step, then a restart, leaves exactly what an uninterrupted run leaves.
@Suite("Crash recovery")
struct CrashRecoveryTests {
    /// Scored inputs, one failing whole (no `id` header) and one with too many rejects, so every step is reached.
    private static let inputs = [
        ("orders.csv", "id,v\n1,a\n2,bad\n3,c\n"), ("events.jsonl", "id\n{\"a\":1}\n"), ("no-header.csv", "name\nx\n"),
        ("mostly-bad.csv", "id,v\n1,bad\n2,bad\n3,ok\n"),
    ]

    /// Outbox bytes, manifests without their timestamps, and where the inputs ended up.
    /// The configuration hash covers the tree's own paths, so it is checked against the tree's configuration
    /// and left out of the comparison between trees.
    private struct Result: Equatable {
        var outbox: [String: Data]
        var manifests: [String: Manifest]
        var archive: [String]
        var failed: [String]
        var work: [String]
        var inbox: [String]
    }

    private func result(of tree: TestTree) -> Result {
        var outbox = tree.outboxContents()
        var manifests: [String: Manifest] = [:]
        for name in outbox.keys where name.hasSuffix(".manifest.json") {
            var manifest = Manifest.existing(at: tree.outbox + "/" + name)
            #expect(manifest?.configSHA256 == tree.configuration.outputHash)
            manifest?.startedAt = ""
            manifest?.finishedAt = ""
            manifest?.configSHA256 = ""
            manifests[name] = manifest?.withoutRoot(tree.root)
            outbox[name] = nil
        }
        return Result(
            outbox: outbox, manifests: manifests, archive: tree.names(in: tree.archive),
            failed: tree.names(in: tree.failed), work: tree.names(in: tree.work), inbox: tree.names(in: tree.inbox)
        )
    }

    private func referenceResult() throws -> Result {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        for (name, text) in Self.inputs {
            try tree.drop(name, text)
            _ = harness.run(name)
        }
        return result(of: tree)
    }

    @Test(
        "stopping after any step and restarting gives the outbox of an uninterrupted run", arguments: JobStep.allCases)
    func restartAfterStepMatchesUninterruptedRun(step: JobStep) throws {
        let reference = try referenceResult()
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        for (name, text) in Self.inputs {
            try tree.drop(name, text)
            _ = harness.run(name, stopAfter: step)
        }

        _ = try harness.restart()

        let recovered = result(of: tree)
        #expect(recovered == reference)
        #expect(!recovered.outbox.keys.contains { $0.hasPrefix(".") })
    }

    @Test("a claim interrupted between link and unlink is completed, and the file is processed once")
    func interruptedClaimIsCompleted() throws {
        let reference = try referenceResult()
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        for (name, text) in Self.inputs {
            try tree.drop(name, text)
            try FileManager.default.linkItem(atPath: tree.inbox + "/" + name, toPath: tree.work + "/" + name)
        }

        _ = try harness.restart()

        #expect(result(of: tree) == reference)
    }

    @Test("an archive move interrupted between link and unlink is completed without a duplicate manifest")
    func interruptedArchiveIsCompleted() throws {
        let reference = try referenceResult()
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        for (name, text) in Self.inputs {
            try tree.drop(name, text)
            _ = harness.run(name, stopAfter: .ledgerRecorded)
            // A failed input never reaches the ledger record of a scored one: it ran to its end.
            guard FileManager.default.fileExists(atPath: tree.work + "/" + name) else { continue }
            try FileManager.default.linkItem(atPath: tree.work + "/" + name, toPath: tree.archive + "/" + name)
        }

        let outcomes = try harness.restart()

        #expect(outcomes.allSatisfy { if case .completedEarlier = $0 { true } else { false } })
        #expect(result(of: tree) == reference)
    }

    @Test("a manifest already in place from the interrupted attempt keeps its bytes, timestamps included")
    func existingManifestIsKeptByteForByte() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("orders.csv", "id\n1\n")
        _ = harness.run("orders.csv", stopAfter: .manifestPublished)
        let before = tree.text(tree.outbox, "orders.manifest.json")

        _ = try harness.restart()

        #expect(tree.text(tree.outbox, "orders.manifest.json") == before)
        #expect(tree.names(in: tree.archive) == ["orders.csv"])
    }

    @Test("a restart after a crash does not take a stem another file reserved meanwhile")
    func reservedStemSurvivesRestart() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let harness = try JobHarness(tree: tree)
        try tree.drop("a.csv", "id\n1\n")
        _ = harness.run("a.csv", stopAfter: .outputsWritten)
        try tree.drop("a.jsonl", "id\n2\n")
        _ = harness.run("a.jsonl")

        _ = try harness.restart()

        #expect(Manifest.existing(at: tree.outbox + "/a.manifest.json")?.input.name == "a.csv")
        #expect(Manifest.existing(at: tree.outbox + "/a-2.manifest.json")?.input.name == "a.jsonl")
    }
}
