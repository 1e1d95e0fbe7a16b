import Foundation
import MigrationPlugin
import Testing

/// The history commits through a write-ahead log (one `fsync` per commit instead of five), so what `kill -9` leaves
/// is a database plus a `-wal` file that was never checkpointed. These tests take that image while the plugin still
/// holds the database open (its files as they stand are what a killed process leaves) and open it elsewhere.
@Suite struct MigrationCrashImageTests {
    typealias Row = MigrationHarness.Row

    /// Copies the database and every journal beside it from `directory` into a new directory, as `kill -9` leaves
    /// them: nothing is closed or checkpointed first.
    static func crashImage(of directory: String) throws -> String {
        let image = try MigrationHarness.temporaryDirectory()
        for suffix in ["", "-wal", "-journal"] {
            let source = "\(directory)/migration.sqlite\(suffix)"
            guard FileManager.default.fileExists(atPath: source) else { continue }
            try FileManager.default.copyItem(atPath: source, toPath: "\(image)/migration.sqlite\(suffix)")
        }
        return image
    }

    @Test("a commit is in the write-ahead log when finish returns, and a crash image holds every committed file")
    func crashImageHoldsTheLastCommit() throws {
        let directory = try MigrationHarness.temporaryDirectory()
        let plugin = try MigrationHarness.plugin(directory: directory)
        let customers = (0..<40).map { "C\($0)" }
        _ = try MigrationHarness.run(
            plugin, name: "monday.csv", sha256: "monday", rows: customers.map { Row(customer: $0, segment: 0) })
        _ = try MigrationHarness.run(
            plugin, name: "tuesday.csv", sha256: "tuesday", rows: customers.map { Row(customer: $0, segment: 4) })

        // Byte 18 of an SQLite header is the write version: 2 once the database is in WAL mode, 1 for a rollback
        // journal (which syncs five times per commit).
        let header = try #require(FileManager.default.contents(atPath: "\(directory)/migration.sqlite"))
        #expect(header.count >= 20 && header[18] == 2 && header[19] == 2, "the history is in WAL mode")
        let log = try FileManager.default.attributesOfItem(atPath: "\(directory)/migration.sqlite-wal")
        #expect((log[.size] as? Int ?? 0) > 0, "tuesday's commit is in the log, not yet checkpointed")

        let image = try Self.crashImage(of: directory)
        let reopened = try MigrationHarness.plugin(directory: image)
        let wednesday = try MigrationHarness.run(
            reopened, name: "wednesday.csv", sha256: "wednesday",
            rows: customers.map { Row(customer: $0, segment: 1) })
        #expect(wednesday.previous.allSatisfy { $0 == MigrationHarness.segmentNames[4] }, "tuesday's commit survived")
        let replay = try MigrationHarness.run(
            reopened, name: "tuesday.csv", sha256: "tuesday", rows: customers.map { Row(customer: $0, segment: 4) })
        #expect(
            replay.previous.allSatisfy { $0 == MigrationHarness.segmentNames[0] },
            "the replay of the last file before the crash gives its first run's previous segments")
        #expect(replay.migration.allSatisfy { $0 == "downgrade" }, "Big Tickets to Risk")
    }
}
