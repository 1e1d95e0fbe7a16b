import SegmentPlugin
import Foundation
import GRDB

/// The durable history of the migration plugin: one SQLite database (through GRDB) in WAL mode with
/// `synchronous = FULL`, so a committed file survives a power cut: each commit appends the changed pages to the
/// `-wal` file and `fsync`s it once. A rollback journal (`journal_mode = TRUNCATE`, used before) costs five syncs
/// per commit (journal, directory, journal header, database, truncated journal) and writes every changed page
/// twice at once; for the daemon's many small files that was about 2 ms of a 5 ms drop→manifest latency. WAL writes
/// a large file's BLOBs twice too (log, then checkpoint), but the checkpoint runs every 1,000 pages, off the
/// commit's critical moment. A new database gets 64 KiB pages (a file's BLOBs of about 1 MB span 16 pages instead
/// of 256), which took a fifth to a third off the commit; an existing one keeps its page size.
///
/// Tables: `segments` (code → segment name and model lineage), `files` (one row per committed input, keyed by its
/// SHA-256), `file_parts` (a file's rows as BLOBs of up to 65,536 rows: ids, previous and current segment codes),
/// `snapshots`/`snapshot_parts` (the latest segment of every customer as of one file, so opening does not
/// replay all history). Every file is written in one transaction of a few statements.
final class MigrationStore: Sendable {
    /// Schema version kept in `PRAGMA user_version`. Version 2 added `segments.lineage`: a code stands for a segment
    /// name within one model lineage (a version-1 database is upgraded in place, its codes with an unknown lineage).
    static let schemaVersion = 2

    let path: String
    private let database: DatabaseQueue

    /// Opens (and creates, when absent) the database at `path`.
    init(path: String) throws(PluginError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = 65536")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try Self.refuseLinks(path)
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try database.write { db in try Self.createSchema(db, path: path) }
        } catch {
            throw Self.failure(error, path: path, doing: "open")
        }
    }

    /// Refuses a database (or a journal beside it) that is a symbolic link, has a second hard link or is not a regular
    /// file: SQLite cannot be told not to follow links, and the daemon must never write another file through one.
    private static func refuseLinks(_ path: String) throws(PluginError) {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            var status = stat()
            guard lstat(path + suffix, &status) == 0 else { continue }
            let kind = status.st_mode & S_IFMT
            guard kind != S_IFREG || status.st_nlink > 1 else { continue }
            let problem =
                kind == S_IFLNK
                ? "is a symbolic link"
                : kind == S_IFREG ? "has \(status.st_nlink) hard links" : "is not a regular file"
            throw PluginError(
                .stateUnavailable, source: "migration",
                problem: "\(path + suffix) \(problem); segmentd refuses to open it so that it never writes "
                    + "another file through it",
                fix: "remove that entry (a new database is created) or point `database` at a regular file")
        }
    }

    /// Runs `body` in a read transaction; any database error becomes a `PluginError` naming the database.
    func read<Result>(_ doing: String, _ body: (Database) throws -> Result) throws(PluginError) -> Result {
        do {
            return try database.read(body)
        } catch {
            throw Self.failure(error, path: path, doing: doing)
        }
    }

    /// Sets SQLite's page cache of this connection to at most `bytes` (`PRAGMA cache_size`, in KiB).
    func setCacheSize(bytes: Int) throws(PluginError) {
        do {
            try database.inDatabase { db in try db.execute(sql: "PRAGMA cache_size = -\(max(1, bytes / 1024))") }
        } catch {
            throw Self.failure(error, path: path, doing: "configure")
        }
    }

    /// Runs `body` in one write transaction, committed (and synced) when it returns.
    func write<Result>(_ doing: String, _ body: (Database) throws -> Result) throws(PluginError) -> Result {
        do {
            return try database.write(body)
        } catch {
            throw Self.failure(error, path: path, doing: doing)
        }
    }

    private static func createSchema(_ db: Database, path: String) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        guard version <= schemaVersion else {
            throw PluginError(
                .stateUnavailable, source: "migration",
                problem: "\(path) has schema version \(version); this segmentd knows up to \(schemaVersion)",
                fix: "run the segmentd version that wrote it, or point `database` at a new file")
        }
        guard version < schemaVersion else { return }
        if version == 1 {
            // SQLite cannot change a UNIQUE constraint in place: the small segments table is copied.
            try db.execute(
                sql: """
                    CREATE TABLE segments_v2 (
                        code INTEGER PRIMARY KEY, name TEXT NOT NULL, lineage TEXT NOT NULL DEFAULT '',
                        UNIQUE (name, lineage));
                    INSERT INTO segments_v2 (code, name, lineage) SELECT code, name, '' FROM segments;
                    DROP TABLE segments;
                    ALTER TABLE segments_v2 RENAME TO segments;
                    PRAGMA user_version = \(schemaVersion);
                    """)
            return
        }
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS segments (
                    code INTEGER PRIMARY KEY, name TEXT NOT NULL, lineage TEXT NOT NULL DEFAULT '',
                    UNIQUE (name, lineage));
                CREATE TABLE IF NOT EXISTS files (
                    seq INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                    rows INTEGER NOT NULL, committed_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS file_parts (
                    seq INTEGER NOT NULL REFERENCES files(seq), part INTEGER NOT NULL, rows INTEGER NOT NULL,
                    assignments BLOB NOT NULL, PRIMARY KEY (seq, part));
                CREATE TABLE IF NOT EXISTS snapshots (
                    seq INTEGER PRIMARY KEY, customers INTEGER NOT NULL, created_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS snapshot_parts (
                    seq INTEGER NOT NULL REFERENCES snapshots(seq), part INTEGER NOT NULL, customers INTEGER NOT NULL,
                    assignments BLOB NOT NULL, PRIMARY KEY (seq, part));
                PRAGMA user_version = \(schemaVersion);
                """)
    }

    /// A database error as a `PluginError` that names the file and what was being done.
    static func failure(_ error: any Error, path: String, doing: String) -> PluginError {
        if let error = error as? PluginError { return error }
        return PluginError(
            .stateUnavailable, source: "migration",
            problem: "cannot \(doing) the migration database \(path): \(error)",
            fix: "check that the state directory exists, is writable and has free space")
    }
}
