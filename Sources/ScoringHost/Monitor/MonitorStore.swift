import Foundation
import GRDB
package import SegmentCore
import SegmentSupport
import Synchronization

/// The daemon's per-day monitoring windows: for every UTC day and model version, the raw counts of every file scored
/// (``WindowCounts``), in SQLite at `<state_dir>/monitor.sqlite` (beside the plugins' state; the ledger stays the
/// daemon's own file, which knows nothing of models).
///
/// Exactly once per content and model: ``add(_:sha256:modelVersion:day:)`` records the input's SHA-256 and the model
/// in `counted_inputs` and adds its counts to its day in one transaction, and does nothing for a pair already there.
/// The daemon runs it before the file's ledger record, so a file re-processed after `kill -9` (at any point before
/// that record) is counted once, and a file that never reaches the record is counted when it is processed again. A
/// copy of the same content rescored by the same model (`duplicates = "rescore"`) is not counted again; rescored by
/// a new champion it counts in the new model's window, which is the point of rescoring.
///
/// WAL mode, `synchronous = NORMAL`: a commit survives `kill -9`; after a power loss the last commits may be lost
/// together (a few files missing from a day's counts, never counted twice). `segmentd check` and `history` read
/// beside a running daemon (a reader never blocks the writer in WAL mode).
package final class MonitorStore: Sendable {
    /// The file name under the state directory.
    package static let fileName = "monitor.sqlite"

    private let database: DatabaseQueue
    /// Path of the SQLite file.
    package let path: String
    /// The day this store last added to, as written: ``add(_:sha256:modelVersion:day:)`` reuses it instead of
    /// decoding the day's JSON again for every file, as long as the stored row still counts the same files (the
    /// daemon is the only writer; a row anyone else changed counts other files and is read again).
    private let lastWritten = Mutex<WrittenDay?>(nil)

    private struct WrittenDay: Sendable {
        var day: String
        var modelVersion: String
        var files: Int
        var counts: WindowCounts
    }

    /// The store of `stateDirectory`.
    package static func path(stateDirectory: String) -> String {
        Path.join(stateDirectory, fileName)
    }

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    package init(path: String) throws(MonitorError) {
        self.path = path
        do {
            database = try StateDatabase.open(path: path)
            try Self.migrator.migrate(database)
        } catch let refusal as StateFile.Refusal {
            throw MonitorError.refused(refusal)
        } catch {
            throw MonitorError.database(path, error)
        }
    }

    /// The store at `path` if the file exists (the daemon has counted something); nil otherwise.
    package static func existing(path: String) throws(MonitorError) -> MonitorStore? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try MonitorStore(path: path)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "day_counts") { table in
                table.column("day", .text).notNull()
                table.column("model_version", .text).notNull()
                table.column("files", .integer).notNull()
                table.column("rows", .integer).notNull()
                table.column("counts_json", .text).notNull()
                table.primaryKey(["day", "model_version"])
            }
            try db.create(table: "counted_inputs") { table in
                table.column("sha256", .text).notNull()
                table.column("model_version", .text).notNull()
                table.column("day", .text).notNull()
                table.column("rows", .integer).notNull()
                table.primaryKey(["sha256", "model_version"])
            }
        }
        return migrator
    }

    /// Adds one scored file's counts to `day` of `modelVersion`, unless its content (`sha256`) was counted for that
    /// model before.
    /// - Returns: the day's counts after the addition; nil when the content had been counted (nothing changed).
    @discardableResult
    package func add(_ counts: WindowCounts, sha256: String, modelVersion: String, day: String)
        throws(MonitorError) -> WindowCounts?
    {
        let path = path
        do {
            let written = try database.write { db -> WrittenDay? in
                let seen = try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT 1 FROM counted_inputs WHERE sha256 = ? AND model_version = ?"),
                    arguments: [sha256, modelVersion])
                guard seen == nil else { return nil }
                try db.cachedStatement(
                    sql: "INSERT INTO counted_inputs (sha256, day, model_version, rows) VALUES (?, ?, ?, ?)"
                ).execute(arguments: [sha256, day, modelVersion, counts.rows])
                var total = WindowCounts()
                let files =
                    try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT files FROM day_counts WHERE day = ? AND model_version = ?"),
                        arguments: [day, modelVersion]) ?? 0
                if let cached = lastWritten.withLock({ $0 }), cached.day == day, cached.modelVersion == modelVersion,
                    cached.files == files
                {
                    total = cached.counts
                } else if files > 0,
                    let text = try String.fetchOne(
                        db.cachedStatement(
                            sql: "SELECT counts_json FROM day_counts WHERE day = ? AND model_version = ?"),
                        arguments: [day, modelVersion])
                {
                    total = try Self.decode(text, path: path, day: day, model: modelVersion)
                }
                total.add(counts)
                try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO day_counts (day, model_version, files, rows, counts_json) "
                        + "VALUES (?, ?, ?, ?, ?)"
                ).execute(arguments: [day, modelVersion, files + 1, total.rows, try Self.encode(total)])
                return WrittenDay(day: day, modelVersion: modelVersion, files: files + 1, counts: total)
            }
            guard let written else { return nil }
            // Only once the transaction is committed: a rolled-back one leaves the cache as the file is.
            lastWritten.withLock { $0 = written }
            return written.counts
        } catch let error as MonitorError {
            throw error
        } catch {
            throw MonitorError.database(path, error)
        }
    }

    /// Every day's counts (of `modelVersion` only, when given; from `since`, a `YYYY-MM-DD`, when given), by day,
    /// then model version.
    package func days(modelVersion: String? = nil, since: String? = nil) throws(MonitorError) -> [DayCounts] {
        let path = path
        do {
            return try database.read { db -> [DayCounts] in
                var conditions: [String] = []
                var arguments: [(any DatabaseValueConvertible)?] = []
                if let modelVersion {
                    conditions.append("model_version = ?")
                    arguments.append(modelVersion)
                }
                if let since {
                    conditions.append("day >= ?")
                    arguments.append(since)
                }
                let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT day, model_version, counts_json FROM day_counts\(filter) ORDER BY day, model_version",
                    arguments: StatementArguments(arguments))
                return try rows.map { row in
                    let day: String = row["day"]
                    let model: String = row["model_version"]
                    return DayCounts(
                        day: day, modelVersion: model,
                        counts: try Self.decode(row["counts_json"], path: path, day: day, model: model))
                }
            }
        } catch let error as MonitorError {
            throw error
        } catch {
            throw MonitorError.database(path, error)
        }
    }

    private static func encode(_ counts: WindowCounts) throws -> String {
        String(decoding: try JSONEncoder().encode(counts), as: UTF8.self)
    }

    private static func decode(_ text: String, path: String, day: String, model: String) throws -> WindowCounts {
        do {
            return try JSONDecoder().decode(WindowCounts.self, from: Data(text.utf8))
        } catch {
            throw MonitorError.badCounts(path, day: day, model: model, detail: "\(error)")
        }
    }
}
