import Foundation
import MigrationPlugin
import SegmentPlugin
import Testing

/// Segment ids are comparable only between models of one lineage (`train --previous`): a change of segment between
/// models trained apart is not a customer move. Big Tickets 0, Medium Tickets 1, Rare Purchasers 2, Beginners 3,
/// Risk 4 (ranks 5, 4, 2, 3, 1).
@Suite struct MigrationLineageTests {
    typealias Row = MigrationHarness.Row

    let first: [Row] = [Row(customer: "C1", segment: 0), Row(customer: "C2", segment: 1)]
    /// C1 Big → Risk, C2 stays Medium.
    let second: [Row] = [Row(customer: "C1", segment: 4), Row(customer: "C2", segment: 1)]

    @Test("a change of segment between models of two lineages is no move: the customer is new to the lineage")
    func otherLineageIsNotAMove() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: first, lineage: "m-aaaa")
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: second, lineage: "m-bbbb")
        #expect(result.previous == [nil, nil])
        #expect(result.migration == ["new", "new"])
        #expect(result.lines.isEmpty)
        #expect(result.report.metrics["downgrade"] == 0)
        #expect(result.report.metrics["new"] == 2)

        // Within the second lineage, moves are reported again.
        let third = try MigrationHarness.run(
            plugin, name: "c.csv", sha256: "c", rows: [Row(customer: "C1", segment: 0)], lineage: "m-bbbb")
        #expect(third.previous == ["Risk"])
        #expect(third.migration == ["upgrade"])
        #expect(third.lines.count == 1)
    }

    @Test("within one lineage a change of segment is a move, as without lineages")
    func sameLineageIsAMove() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: first, lineage: "m-aaaa")
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: second, lineage: "m-aaaa")
        #expect(result.previous == ["Big Tickets", "Medium Tickets"])
        #expect(result.migration == ["downgrade", "same"])
        #expect(result.lines.count == 1)
    }

    @Test("a segment from a history without lineages compares with any lineage; the same name is no move")
    func unknownLineageCompares() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: first, lineage: nil)
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: second, lineage: "m-aaaa")
        #expect(result.previous == ["Big Tickets", "Medium Tickets"])
        #expect(result.migration == ["downgrade", "same"])
        #expect(result.lines.count == 1, "C2 stays Medium Tickets under another code: not listed: \(result.lines)")
    }

    @Test("the replay of a file scored across lineages repeats the first run")
    func replayRepeatsTheDecision() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: first, lineage: "m-aaaa")
        let once = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: second, lineage: "m-bbbb")
        let again = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: second, lineage: "m-bbbb")
        #expect(again.previous == once.previous)
        #expect(again.migration == once.migration)
        #expect(again.report.metrics == once.report.metrics)
    }

    @Test("a version-1 history (no lineage column) is upgraded in place, its segments of unknown lineage")
    func versionOneHistoryIsUpgraded() throws {
        let written = try MigrationHarness.temporaryDirectory()
        let plugin = try MigrationHarness.plugin(directory: written)
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: first)
        // The same database, copied to a new path (a new history for the plugin) and taken back to schema 1.
        let old = try MigrationHarness.temporaryDirectory()
        for suffix in ["", "-wal", "-shm"] {
            let source = "\(written)/migration.sqlite\(suffix)"
            guard FileManager.default.fileExists(atPath: source) else { continue }
            try FileManager.default.copyItem(atPath: source, toPath: "\(old)/migration.sqlite\(suffix)")
        }
        let downgrade = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript('''
                CREATE TABLE segments_v1 (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                INSERT INTO segments_v1 SELECT code, name FROM segments;
                DROP TABLE segments; ALTER TABLE segments_v1 RENAME TO segments;
                PRAGMA user_version = 1;''')
            db.close()
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", downgrade, "\(old)/migration.sqlite"]
        try python.run()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0)

        let reopened = try MigrationHarness.plugin(directory: old)
        let result = try MigrationHarness.run(reopened, name: "b.csv", sha256: "b", rows: second, lineage: "m-aaaa")
        #expect(result.previous == ["Big Tickets", "Medium Tickets"])
        #expect(result.migration == ["downgrade", "same"])
    }
}
