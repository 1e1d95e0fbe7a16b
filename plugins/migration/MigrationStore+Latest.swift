import SegmentPlugin
import Foundation
import GRDB
import GRDBSQLite

/// The latest segment of every customer on disk, for a history too large for `memory_budget` ("spilled").
///
/// `latest (id BLOB PRIMARY KEY, code) WITHOUT ROWID` in the history's own SQLite file is the compact sorted index:
/// a B-tree ordered by the id's bytes, each id stored once, no rowid. Why this rather than a memory-mapped index of
/// our own or bounded heap hash slots:
/// - it changes in the transaction that commits a file, so after a crash (`kill -9`, power cut) it can never
///   disagree with the history: no second file to sync or to rebuild, no recovery code to get wrong;
/// - what stays resident is SQLite's page cache, whose size is set from the budget (`PRAGMA cache_size`); pages
///   outside it are read back from the file (the kernel's page cache, which is not this process's memory), whereas
///   every page of a mapped index that lookups touch counts as the process's resident memory;
/// - opening reads none of it: a restart costs milliseconds whatever the number of customers;
/// - lookups stay batched: a session asks for a batch's unknown ids in a few `IN (…)` queries
///   (`lookupChunk` ids each), never one query per row.
///
/// `latest_state` holds the sequence of the last file `latest` reflects. A file committed by an older segmentd, which
/// does not know the table, is applied on the next open (`catchUpLatest`). A spilled history stays spilled.
extension MigrationStore {
    /// Ids per lookup query (SQLite allows 32,766 bound values; a shorter list keeps the statement small).
    static let lookupChunk = 512

    /// The sequence of the last file `latest` reflects, or nil when the history is not spilled.
    func latestSequence() throws(PluginError) -> Int? {
        try read("read") { db in
            guard try db.tableExists("latest_state") else { return nil }
            return try Int.fetchOne(db, sql: "SELECT seq FROM latest_state WHERE only = 1")
        }
    }

    /// Segment names and lineages by code, and the sequence of the last committed file, without the customers.
    func segments() throws(PluginError) -> (names: [String], lineages: [String], lastSequence: Int) {
        try read("read") { db in
            let (names, lineages) = try Self.segmentNames(db)
            return (names, lineages, try Int.fetchOne(db, sql: "SELECT max(seq) FROM files") ?? 0)
        }
    }

    /// Customers in the latest snapshot and the bytes of their ids, without reading the snapshot.
    func snapshotSize() throws(PluginError) -> (customers: Int, keyBytes: Int) {
        try read("read") { db in
            let snapshot = try Row.fetchOne(db, sql: "SELECT seq, customers FROM snapshots ORDER BY seq DESC LIMIT 1")
            let customers: Int = snapshot?["customers"] ?? 0
            let blobBytes =
                try Int.fetchOne(
                    db, sql: "SELECT coalesce(sum(length(assignments)), 0) FROM snapshot_parts WHERE seq = ?",
                    arguments: [snapshot?["seq"] ?? 0]) ?? 0
            return (customers, max(0, blobBytes - customers * 6))
        }
    }

    /// Writes `latest` from the latest snapshot and the files after it, in one transaction, sorting the ids first
    /// (SQLite's external sorter, in bounded memory) so the B-tree is written in order instead of at random.
    func spill() throws(PluginError) {
        try write("move the customer index to disk in") { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS latest (id BLOB PRIMARY KEY, code INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS latest_state (
                        only INTEGER PRIMARY KEY CHECK (only = 1), seq INTEGER NOT NULL);
                    DELETE FROM latest;
                    DROP TABLE IF EXISTS temp.spill;
                    CREATE TEMP TABLE spill (id BLOB NOT NULL, code INTEGER NOT NULL);
                    """)
            let insert = try KeyCodeStatement(db, sql: "INSERT INTO temp.spill (id, code) VALUES (?, ?)")
            let snapshot = try Int.fetchOne(db, sql: "SELECT max(seq) FROM snapshots") ?? 0
            let parts = try Row.fetchCursor(
                db, sql: "SELECT part, assignments FROM snapshot_parts WHERE seq = ? ORDER BY part",
                arguments: [snapshot])
            while let row = try parts.next() {
                let label = "snapshot \(snapshot) part \(row["part"] as Int)"
                // A copy: SQLite may move the row's bytes while the inserts below write to the same database.
                let copy = try Self.blobCopy(row, label: label)
                try copy.withUnsafeBytes { blob in
                    var reader = BlobReader(blob, label: label)
                    let ids = try reader.keys()
                    let codes = try reader.codes(ids.count)
                    for entry in 0..<ids.count {
                        try insert.run(ids.key(at: entry), codes[entry])
                    }
                }
            }
            try Self.copyFiles(after: snapshot, into: insert, db)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO latest (id, code) SELECT id, code FROM temp.spill ORDER BY id, rowid;
                    DROP TABLE temp.spill;
                    """)
            let last = try Int.fetchOne(db, sql: "SELECT max(seq) FROM files") ?? 0
            try db.execute(sql: "INSERT OR REPLACE INTO latest_state (only, seq) VALUES (1, ?)", arguments: [last])
        }
    }

    /// Applies to `latest` the files committed after the one it reflects (by a segmentd that did not know it).
    func catchUpLatest() throws(PluginError) {
        try write("update the customer index in") { db in
            let applied = try Int.fetchOne(db, sql: "SELECT seq FROM latest_state WHERE only = 1") ?? 0
            let last = try Int.fetchOne(db, sql: "SELECT max(seq) FROM files") ?? 0
            guard last > applied else { return }
            let upsert = try KeyCodeStatement(db, sql: "INSERT OR REPLACE INTO latest (id, code) VALUES (?, ?)")
            try Self.copyFiles(after: applied, into: upsert, db)
            try db.execute(sql: "UPDATE latest_state SET seq = ? WHERE only = 1", arguments: [last])
        }
    }

    /// Runs `statement` with (id, current code) for every row of the files after `sequence`, in commit order.
    private static func copyFiles(after sequence: Int, into statement: KeyCodeStatement, _ db: Database) throws {
        let parts = try Row.fetchCursor(
            db, sql: "SELECT seq, part, assignments FROM file_parts WHERE seq > ? ORDER BY seq, part",
            arguments: [sequence])
        while let row = try parts.next() {
            let label = "file \(row["seq"] as Int) part \(row["part"] as Int)"
            // A copy: SQLite may move the row's bytes while `statement` writes to the same database.
            let copy = try blobCopy(row, label: label)
            try copy.withUnsafeBytes { blob in
                var reader = BlobReader(blob, label: label)
                let ids = try reader.keys()
                _ = try reader.codes(ids.count)
                let current = try reader.codes(ids.count)
                for entry in 0..<ids.count {
                    try statement.run(ids.key(at: entry), current[entry])
                }
            }
        }
    }

    /// How a commit changes `latest`.
    enum LatestUpdate: Equatable {
        /// Not at all: the history is in memory.
        case none
        /// Every row sets its customer (the last row wins): another file committed while this one was computed.
        case everyRow
        /// Only rows whose segment differs from their previous one. Right when no other file committed since the
        /// session opened: a row's previous segment is then the committed one or the file's own earlier row, so
        /// the rows skipped would rewrite what `latest` holds already. Most customers keep their segment, so this
        /// saves most of a file's writes.
        case changedRows
    }

    /// The bytes of the row's `assignments` BLOB, copied.
    private static func blobCopy(_ row: Row, label: String) throws -> [UInt8] {
        var copy: [UInt8] = []
        try withBlob(row, label: label) { copy = [UInt8]($0) }
        return copy
    }

    /// Sets each row's customer of `assignments` to the row's current segment (the last row wins), or with
    /// `onlyChanged` only those rows whose current segment differs from their previous one, in `db`'s transaction;
    /// records `sequence` as the last file applied.
    static func updateLatest(
        with assignments: FileAssignments, onlyChanged: Bool, sequence: Int, _ db: Database
    ) throws {
        let upsert = try KeyCodeStatement(db, sql: "INSERT OR REPLACE INTO latest (id, code) VALUES (?, ?)")
        for row in 0..<assignments.count where !onlyChanged || assignments.previous[row] != assignments.current[row] {
            try assignments.keys.withKey(at: row) { key in Result { try upsert.run(key, assignments.current[row]) } }
                .get()
        }
        try db.execute(sql: "UPDATE latest_state SET seq = ? WHERE only = 1", arguments: [sequence])
    }

    /// Calls `found` with the id and latest segment code of each of `keys` that `latest` holds (in any order, each
    /// once), in one read transaction and one query per `lookupChunk` ids. Runs the query through SQLite's C API,
    /// binding the ids in place: GRDB's `Data` per id and row object per result cost more than the B-tree seeks.
    func lookUp(_ keys: KeyList, _ found: (UnsafeRawBufferPointer, UInt16) throws(PluginError) -> Void)
        throws(PluginError)
    {
        guard keys.count > 0 else { return }
        let marks = String(repeating: "?,", count: Self.lookupChunk - 1) + "?"
        let sql = "SELECT id, code FROM latest WHERE id IN (\(marks))"
        try read("read") { db in
            var handle: OpaquePointer?
            var code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &handle, nil)
            defer { sqlite3_finalize(handle) }
            let failure = {
                DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            guard code == SQLITE_OK, let handle else { throw failure() }
            try keys.bytes.withUnsafeBytes { bytes in
                var start = 0
                while start < keys.count {
                    sqlite3_reset(handle)
                    // A short last chunk repeats its last id: one statement serves every chunk.
                    for index in start..<(start + Self.lookupChunk) {
                        let key = min(index, keys.count - 1)
                        let begin = keys.start(of: key)
                        // SQLITE_STATIC (nil): the bytes stay in place until the statement is reset.
                        sqlite3_bind_blob(
                            handle, Int32(index - start + 1), bytes.baseAddress.map { $0 + begin },
                            Int32(keys.ends[key] - begin), nil)
                    }
                    while true {
                        code = sqlite3_step(handle)
                        guard code == SQLITE_ROW else { break }
                        let id = UnsafeRawBufferPointer(
                            start: sqlite3_column_blob(handle, 0), count: Int(sqlite3_column_bytes(handle, 0)))
                        try found(id, UInt16(truncatingIfNeeded: sqlite3_column_int(handle, 1)))
                    }
                    guard code == SQLITE_DONE else { throw failure() }
                    start += Self.lookupChunk
                }
                sqlite3_reset(handle)
            }
        }
    }
}

/// One INSERT of (id BLOB, code INTEGER) run through SQLite's C API, the id bound in place: GRDB's `Data` and
/// argument array per row cost more than the insert into the B-tree.
private final class KeyCodeStatement {
    private let connection: SQLiteConnection?
    private let handle: OpaquePointer

    /// Prepares `sql` (two parameters: the id, the code) on `db`'s connection.
    init(_ db: Database, sql: String) throws {
        connection = db.sqliteConnection
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
        }
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the statement for `key` and segment `code`.
    func run(_ key: UnsafeRawBufferPointer, _ code: UInt16) throws {
        // SQLITE_STATIC (nil): the bytes stay in place until the statement is reset, below.
        sqlite3_bind_blob(handle, 1, key.baseAddress, Int32(key.count), nil)
        sqlite3_bind_int(handle, 2, Int32(code))
        let result = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard result == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: result), message: String(cString: sqlite3_errmsg(connection)))
        }
    }
}
