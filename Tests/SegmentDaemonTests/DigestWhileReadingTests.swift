import Foundation
import Testing
@testable import SegmentDaemon

/// A processor that hashes the input while it scores it spares the daemon a pass over the file, except where the
/// digest decides whether to score at all.
@Suite("Digest while reading")
struct DigestWhileReadingTests {
    private func harness(_ tree: TestTree, log: DigestLog) throws -> JobHarness {
        var harness = try JobHarness(tree: tree)
        var processor = FakeProcessor()
        processor.hashesWhileReading = log
        harness.processor = processor
        return harness
    }

    @Test("a new file goes to the processor without a digest, and the manifest and ledger get the one it computed")
    func digestComesFromTheProcessor() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let log = DigestLog()
        let harness = try harness(tree, log: log)
        let content = "id\n1\n2\n3\n"
        try tree.drop("new.csv", content)

        let outcome = harness.run("new.csv")

        #expect(
            outcome
                == .scored(ProcessedCounts(rowsRead: 3, rowsScored: 3, rowsRejected: 0), manifest: "new.manifest.json"))
        #expect(log.given == [nil])
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/new.manifest.json"))
        #expect(manifest.input.sha256 == ContentDigest.sha256(of: Array(content.utf8)))
        #expect(manifest.input.size == Int64(content.utf8.count))
        let recorded = try harness.ledger.firstScored(sha256: manifest.input.sha256 ?? "")
        #expect(recorded?.inputName == "new.csv")
    }

    @Test("a copy of a scored file is hashed first (same size), recognised as a duplicate and never processed")
    func copyIsStillADuplicate() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let log = DigestLog()
        let harness = try harness(tree, log: log)
        try tree.drop("monday.csv", "id\n1\n2\n")
        _ = harness.run("monday.csv")
        try tree.drop("copy.csv", "id\n1\n2\n")

        let outcome = harness.run("copy.csv")

        #expect(outcome == .duplicate(of: "monday.csv", manifest: "copy.manifest.json"))
        #expect(log.given == [nil], "the copy never reached the processor")
    }

    @Test("different content of a size already scored is hashed first, then scored with that digest")
    func sameSizeOtherContentIsScored() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let log = DigestLog()
        let harness = try harness(tree, log: log)
        try tree.drop("one.csv", "id\n1\n2\n")
        _ = harness.run("one.csv")
        let other = "id\n3\n4\n"
        try tree.drop("two.csv", other)

        let outcome = harness.run("two.csv")

        #expect(
            outcome
                == .scored(ProcessedCounts(rowsRead: 2, rowsScored: 2, rowsRejected: 0), manifest: "two.manifest.json"))
        #expect(log.given == [nil, ContentDigest.sha256(of: Array(other.utf8))])
    }

    @Test("with duplicates = rescore nothing is hashed before processing, whatever the sizes")
    func rescoreNeverHashesFirst() throws {
        var tree = try TestTree()
        defer { tree.remove() }
        tree.configuration.duplicates = .rescore
        let log = DigestLog()
        let harness = try harness(tree, log: log)
        try tree.drop("one.csv", "id\n1\n")
        _ = harness.run("one.csv")
        try tree.drop("two.csv", "id\n1\n")

        _ = harness.run("two.csv")

        #expect(log.given == [nil, nil])
        #expect(
            Manifest.existing(at: tree.outbox + "/two.manifest.json")?.input.sha256
                == Manifest.existing(at: tree.outbox + "/one.manifest.json")?.input.sha256)
    }
}
