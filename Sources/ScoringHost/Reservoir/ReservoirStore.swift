import Foundation
import GRDB
package import SegmentIO
import SegmentSupport

/// The daemon's reservoir: a bounded, uniform random sample of the rows it scored in the last `reservoir_days` UTC
/// days (the model's input columns as parsed, no ids), in SQLite at `<state_dir>/reservoir.sqlite`, for `segmentd
/// retrain` and the quality rule of `segmentd check`.
///
/// Design: priority (bottom-k) sampling per day. Every scored row draws a uniform key in (0, 1]
/// (``SampleCapture``); each UTC day keeps its rows with the smallest keys, at most ``ReservoirSettings/rowsPerDay``,
/// and remembers its `bound`: every row of that day whose key is below it is kept (2 while nothing was dropped). The
/// sample of a window is the rows of its days whose key is below tau, the smallest bound of those days: that is an
/// exact Bernoulli(tau) sample of every row scored in the window, so a busy day and a quiet one are represented in
/// proportion to their volume, while no day holds more than its share on disk. A per-day reservoir instead of one
/// for the window lets old days expire by deleting them, which a single classic reservoir cannot do.
///
/// Crash safety: each scored file is recorded in one transaction keyed by its content digest, so a file processed
/// again after `kill -9` (the daemon re-scores it from scratch) finds its digest and adds nothing: every file counts
/// exactly once. Readers (`retrain`, `check`) read in one transaction beside a running daemon (WAL mode).
package final class ReservoirStore: Sendable {
    /// The file's name in the state directory.
    package static let fileName = "reservoir.sqlite"
    /// A day's bound while it has dropped nothing: above every key.
    static let completeBound = 2.0

    let database: DatabaseQueue
    /// Path of the SQLite file.
    package let path: String

    /// The reservoir of a state directory.
    package static func path(stateDirectory: String) -> String {
        Path.join(stateDirectory, fileName)
    }

    /// Opens the reservoir at `path`, creating it when `create` (the daemon) or failing with ``ReservoirError``
    /// "missing" (66) when it is not there and `create` is false (the commands that only read it).
    package init(path: String, create: Bool) throws(ReservoirError) {
        self.path = path
        if !create, !FileManager.default.fileExists(atPath: path) { throw ReservoirError.missing(path) }
        do {
            database = try StateDatabase.open(path: path)
            try Self.migrator.migrate(database)
        } catch let refusal as StateFile.Refusal {
            throw ReservoirError.unsafe(refusal)
        } catch {
            throw ReservoirError.database(path, error)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // The input columns of the rows, one line per set met (a model with other columns adds one).
            try db.create(table: "layouts") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("columns", .text).notNull().unique()
            }
            // Per UTC day: rows scored, files recorded, and the bound below which every row of the day is kept.
            try db.create(table: "days") { table in
                table.primaryKey("day", .integer)
                table.column("rows_scored", .integer).notNull()
                table.column("files", .integer).notNull()
                table.column("bound", .double).notNull()
            }
            // The kept rows: the parsed values as native doubles (NaN where missing), `width` of them.
            try db.create(table: "rows") { table in
                table.column("day", .integer).notNull()
                table.column("key", .double).notNull()
                table.column("layout", .integer).notNull()
                table.column("vals", .blob).notNull()
            }
            try db.create(index: "rows_by_day_key", on: "rows", columns: ["day", "key"])
            // The files recorded in the window, by content: what makes a re-run after a crash add nothing.
            try db.create(table: "files") { table in
                table.primaryKey("sha256", .text)
                table.column("day", .integer).notNull()
                table.column("rows_scored", .integer).notNull()
                table.column("rows_kept", .integer).notNull()
                table.column("recorded_at", .text).notNull()
            }
        }
        // v2: what lets a file's record cost the same on day 1 and day 30: each day's count of kept rows (so the
        // day's threshold is its largest key, one index step, instead of walking `rowsPerDay` keys) and the files by
        // day (so expiring a day does not scan every file of the window).
        migrator.registerMigration("v2") { db in
            try db.alter(table: "days") { table in
                table.add(column: "kept", .integer).notNull().defaults(to: 0)
            }
            try db.execute(sql: "UPDATE days SET kept = (SELECT COUNT(*) FROM rows WHERE rows.day = days.day)")
            try db.create(index: "files_by_day", on: "files", columns: ["day"])
        }
        return migrator
    }

    /// Runs `work` in a write transaction.
    func write<T>(_ work: (Database) throws -> T) throws(ReservoirError) -> T {
        do {
            return try database.write(work)
        } catch {
            throw ReservoirError.database(path, error)
        }
    }

    /// Runs `work` in a read transaction (one consistent snapshot beside a writing daemon).
    func read<T>(_ work: (Database) throws -> T) throws(ReservoirError) -> T {
        do {
            return try database.read(work)
        } catch {
            throw ReservoirError.database(path, error)
        }
    }

    /// What the scoring loop should capture for a file scored on `day`: at most the day's share of rows, and only
    /// keys below the day's current threshold (the largest kept key once the day is full; rows above it would be
    /// dropped at once).
    package func capture(day: ReservoirDay, settings: ReservoirSettings) throws(ReservoirError) -> SampleCapture {
        let capacity = settings.rowsPerDay
        let threshold = try read { db -> Double in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT bound, kept FROM days WHERE day = ?"), arguments: [day.number])
            else { return Self.completeBound }
            let bound: Double = row["bound"]
            let kept: Int = row["kept"]
            guard kept >= capacity else { return bound }
            return min(bound, try Self.key(db, day: day, fromTop: kept - capacity) ?? Self.completeBound)
        }
        return SampleCapture(capacity: capacity, threshold: threshold >= 1 ? .infinity : threshold)
    }

    /// The day's key with `fromTop` keys above it (0: its largest), found from the top of the day's index: a day
    /// holds at most `rowsPerDay` rows after each record, so this is one step unless `reservoir_rows` was lowered.
    private static func key(_ db: Database, day: ReservoirDay, fromTop: Int) throws -> Double? {
        try Double.fetchOne(
            db.cachedStatement(sql: "SELECT key FROM rows WHERE day = ? ORDER BY key DESC LIMIT 1 OFFSET ?"),
            arguments: [day.number, fromTop])
    }

    /// What ``record(_:sha256:rowsScored:columns:capture:day:settings:)`` did.
    package enum RecordOutcome: Sendable, Equatable {
        /// The rows were merged into the day; `kept` of the file's rows are in the reservoir now.
        case added(kept: Int)
        /// The file's content was recorded before (a re-run after a crash): nothing changed.
        case alreadyRecorded
    }

    /// Merges the rows a scored file contributed into its day, in one transaction keyed by the file's content:
    /// records the digest (a second call with it changes nothing), keeps the day's `rowsPerDay` smallest keys and
    /// lowers its bound accordingly, and drops the days older than the window.
    /// - Parameters:
    ///   - sample: what the scoring loop kept, captured with `capture` (the rows' keys are below its threshold).
    ///   - rowsScored: every row the file scored, kept or not (for the day's count).
    ///   - columns: the names of the sample's values, in order (the model's input columns).
    ///   - day: the day the file was scored on (when its capture was asked for).
    @discardableResult
    package func record(
        _ sample: CapturedSample, sha256: String, rowsScored: Int, columns: [String], capture: SampleCapture,
        day: ReservoirDay, settings: ReservoirSettings, recordedAt: String = Timestamp.now()
    ) throws(ReservoirError) -> RecordOutcome {
        try write { db -> RecordOutcome in
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM files WHERE sha256 = ?"), arguments: [sha256])
                != nil
            {
                return .alreadyRecorded
            }
            try Self.expire(db, before: day.first(ofWindow: settings.days))
            let layout = try Self.layout(db, columns)
            let insert = try db.cachedStatement(sql: "INSERT INTO rows (day, key, layout, vals) VALUES (?, ?, ?, ?)")
            for index in 0..<sample.count {
                let start = index * sample.width
                let values = sample.values[start..<start + sample.width]
                try insert.execute(arguments: [day.number, sample.keys[index], layout, Self.blob(values)])
            }
            // Rows of the file with a key at or above this were not captured (its threshold, or its own largest
            // kept key when it filled its capacity).
            var bound = min(capture.threshold, Self.completeBound)
            if sample.count >= capture.capacity, let largest = sample.keys.last { bound = min(bound, largest) }
            var kept = sample.count
            var dayKept =
                (try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT kept FROM days WHERE day = ?"), arguments: [day.number]) ?? 0)
                + sample.count
            if dayKept > settings.rowsPerDay,
                let cut = try Self.key(db, day: day, fromTop: dayKept - settings.rowsPerDay - 1)
            {
                // More than the day's share: drop from the (rowsPerDay + 1)-th smallest key up (the key with
                // `dayKept - rowsPerDay - 1` keys above it).
                try db.cachedStatement(sql: "DELETE FROM rows WHERE day = ? AND key >= ?")
                    .execute(arguments: [day.number, cut])
                dayKept -= db.changesCount
                bound = min(bound, cut)
                kept = sample.keys.prefix { $0 < cut }.count
            }
            try db.cachedStatement(
                sql: """
                    INSERT INTO days (day, rows_scored, files, bound, kept) VALUES (?, ?, 1, ?, ?)
                    ON CONFLICT(day) DO UPDATE SET rows_scored = rows_scored + excluded.rows_scored,
                        files = files + 1, bound = min(bound, excluded.bound), kept = excluded.kept
                    """
            ).execute(arguments: [day.number, rowsScored, bound, dayKept])
            try db.cachedStatement(
                sql: "INSERT INTO files (sha256, day, rows_scored, rows_kept, recorded_at) VALUES (?, ?, ?, ?, ?)"
            ).execute(arguments: [sha256, day.number, rowsScored, kept, recordedAt])
            return .added(kept: kept)
        }
    }

    /// Deletes the days before `first`, their rows and their files; nothing to do (one index step) unless the oldest
    /// day stored is older.
    private static func expire(_ db: Database, before first: ReservoirDay) throws {
        guard let oldest = try Int.fetchOne(db.cachedStatement(sql: "SELECT MIN(day) FROM days")), oldest < first.number
        else { return }
        for table in ["rows", "days", "files"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE day < ?", arguments: [first.number])
        }
    }

    /// The id of the layout `columns`, added if new.
    private static func layout(_ db: Database, _ columns: [String]) throws -> Int64 {
        let text = columns.joined(separator: "\n")
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM layouts WHERE columns = ?", arguments: [text]) {
            return id
        }
        try db.execute(sql: "INSERT INTO layouts (columns) VALUES (?)", arguments: [text])
        return db.lastInsertedRowID
    }

    /// Values as the `vals` column stores them: native-endian doubles (little-endian wherever segmentd builds).
    static func blob(_ values: ArraySlice<Double>) -> Data {
        values.withUnsafeBytes { Data($0) }
    }
}
