import Foundation
import GRDB
import Testing
@testable import SegmentDaemon

@Suite("Ledger schema")
struct LedgerSchemaTests {
    /// The tables and applied migrations of a ledger written before content claims and model versions (v1 + v2).
    private static let secondVersionSchema = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1'), ('v2: sizes indexed for the duplicate pre-check');
        CREATE TABLE processed (manifest TEXT PRIMARY KEY, input_name TEXT NOT NULL, sha256 TEXT NOT NULL,
            size INTEGER NOT NULL, outcome TEXT NOT NULL, device INTEGER NOT NULL, inode INTEGER NOT NULL,
            archived BOOLEAN NOT NULL DEFAULT 0, recorded_at TEXT NOT NULL);
        CREATE INDEX processed_by_content ON processed(sha256, outcome);
        CREATE INDEX processed_by_identity ON processed(device, inode);
        CREATE TABLE reservations (stem TEXT PRIMARY KEY, device INTEGER NOT NULL, inode INTEGER NOT NULL,
            input_name TEXT NOT NULL);
        CREATE INDEX processed_by_size ON processed(size, outcome);
        """

    @Test("a ledger from before model versions opens, and a duplicate of its content says the earlier model is unknown")
    func ledgerWithoutModelVersionsStaysReadable() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let content = "id\n5\n6\n"
        let sha256 = ContentDigest.sha256(of: Array(content.utf8))
        do {
            let old = try DatabaseQueue(path: tree.configuration.ledger)
            try old.write { db in
                try db.execute(sql: Self.secondVersionSchema)
                try db.execute(
                    sql: """
                        INSERT INTO processed VALUES ('older.manifest.json', 'older.csv', ?, ?, 'scored', 1, 2, 1,
                            '2026-01-01T00:00:00Z')
                        """,
                    arguments: [sha256, content.utf8.count]
                )
            }
        }
        let harness = try JobHarness(tree: tree)
        #expect(try harness.ledger.firstScored(sha256: sha256)?.modelVersion == nil)
        try tree.drop("again.csv", content)

        let outcome = harness.run("again.csv")

        #expect(outcome == .duplicate(of: "older.csv", manifest: "again.manifest.json"))
        let manifest = try #require(Manifest.existing(at: tree.outbox + "/again.manifest.json"))
        #expect(manifest.duplicateOf == Manifest.DuplicateOf(input: "older.csv", manifest: "older.manifest.json"))
        let text = try #require(tree.text(tree.outbox, "again.manifest.json"))
        #expect(!text.contains("same_model"), "an unknown model is left out, not guessed")
        try tree.drop("new.csv", "id\n8\n")
        _ = harness.run("new.csv")
        let recorded = try harness.ledger.firstScored(sha256: ContentDigest.sha256(of: Array("id\n8\n".utf8)))
        #expect(recorded?.modelVersion == "fake-model-1")
    }
}
