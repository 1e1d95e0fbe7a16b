import GRDB
import Glibc
import SegmentSupport
import Synchronization

/// The SQLite record of every input the daemon committed, and of the output names reserved by files in progress.
///
/// `processed` has one row per published manifest: the input's content hash (for duplicate detection), its name,
/// and the device/inode of the claimed input, which is how a file re-processed after a crash recognises its own
/// earlier, interrupted attempt; a failed input's row keeps its manifest too (``LedgerEntry/Failure``).
/// `reservations` holds the output stem chosen by each file in progress, written before any output exists, so a
/// re-run after a crash publishes under the very same names, and, once the file's content is known, its content
/// claim (`sha256`): of several files with the same content in progress at once, only the one holding the claim is
/// scored; the others become duplicates of it (see ``claimContent(sha256:for:isStopped:)``).
///
/// Durability: the database runs in WAL mode with `synchronous = NORMAL`, and the two writes whose loss would break
/// exactly-once are committed with `synchronous = FULL` (see ``Durability``). A commit in WAL mode appends to one
/// file and needs a single `fdatasync`, where the rollback journal needed four syncs and a file creation and removal.
/// Against `kill -9` any setting is safe: a committed transaction is in the WAL in the page cache, which outlives
/// the process. Against power loss, a `NORMAL` commit may be lost, but only together with every later commit
/// (the WAL is replayed up to the first incomplete frame), and a `FULL` commit syncs the WAL including all
/// commits before it. So a commit whose loss would matter must be `FULL` before the file-system step that
/// depends on it becomes durable:
/// - a stem reservation, before the outputs are published under that stem (a lost reservation would make a
///   re-run see its own outputs as foreign and publish again under another name). It is committed
///   ``Durability/syncedBeforePublication``: the content claim's `FULL` commit, which usually follows before any
///   output is published, syncs it along, and ``syncBeforePublication()`` syncs the WAL only when none did;
/// - a content claim, before the plugins commit their state or any output is published (a lost claim could let
///   another copy of the same content be scored after the restart, beside the outputs already published);
/// - the record of a failed input with its manifest, before the input moves to the failed directory (a lost record
///   would leave the input there without its manifest);
/// - the record of a committed manifest, before the input moves to the archive (a lost record with the input
///   already archived would make a later copy of the same content be scored instead of recognised as a duplicate).
///
/// Everything else may be lost safely: marking an entry archived and dropping stale reservations are redone by
/// ``reconcile(withFilesInWork:)`` at start, and read-only queries commit nothing.
final class Ledger: Sendable {
    /// How far a commit must reach before ``access(_:_:)`` returns.
    enum Durability {
        /// On disk, surviving power loss (one `fdatasync` of the WAL, covering every earlier commit too).
        case synced
        /// In the WAL, surviving a crash of the process but not necessarily a power loss.
        case written
        /// In the WAL now, and on disk before anything is published under it: by the next `FULL` commit or by
        /// ``syncBeforePublication()``, whichever comes first (one `fdatasync` per file instead of two).
        case syncedBeforePublication
    }

    /// The commits made ``Durability/syncedBeforePublication`` (`written`), and how many of them a sync is known to
    /// have reached (`synced`): the first `written` commits are on disk.
    private let publicationCommits = Mutex<(written: UInt64, synced: UInt64)>((0, 0))

    private let database: DatabaseQueue
    /// Path of the SQLite file.
    let path: String
    /// The files whose jobs run in this process now, so a job waiting for another one's content claim knows
    /// whether to wait for it (see ``claimContent(sha256:for:isStopped:)``).
    let jobsInProgress = JobsInProgress()

    /// Opens (creating if needed) the ledger at `path` and brings its schema up to date.
    init(path: String) throws(DaemonError) {
        self.path = path
        do {
            // The settings of the scoring host's StateDatabase (monitor.sqlite, reservoir.sqlite): this module
            // depends on no domain module, so the ledger opens its file itself.
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try StateFile.checkDatabase(path)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw DaemonError.ledger(path: path, cause: error)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "processed") { table in
                table.primaryKey("manifest", .text)
                table.column("input_name", .text).notNull()
                table.column("sha256", .text).notNull()
                table.column("size", .integer).notNull()
                table.column("outcome", .text).notNull()
                table.column("device", .integer).notNull()
                table.column("inode", .integer).notNull()
                table.column("archived", .boolean).notNull().defaults(to: false)
                table.column("recorded_at", .text).notNull()
            }
            try db.create(index: "processed_by_content", on: "processed", columns: ["sha256", "outcome"])
            try db.create(index: "processed_by_identity", on: "processed", columns: ["device", "inode"])
            try db.create(table: "reservations") { table in
                table.primaryKey("stem", .text)
                table.column("device", .integer).notNull()
                table.column("inode", .integer).notNull()
                table.column("input_name", .text).notNull()
            }
        }
        migrator.registerMigration("v2: sizes indexed for the duplicate pre-check") { db in
            try db.create(index: "processed_by_size", on: "processed", columns: ["size", "outcome"])
        }
        // Both columns may be NULL, so ledgers written before this migration read as they are: an old result's
        // model is unknown, and no file in progress holds a content claim.
        migrator.registerMigration("v3: content claims and the model of each result") { db in
            try db.alter(table: "reservations") { table in table.add(column: "sha256", .text) }
            try db.create(index: "reservations_by_content", on: "reservations", columns: ["sha256"])
            try db.alter(table: "processed") { table in table.add(column: "model_version", .text) }
        }
        // NULL for every entry but a failed input's: older ledgers read as they are.
        migrator.registerMigration("v4: failed inputs with their manifest") { db in
            try db.alter(table: "processed") { table in
                table.add(column: "failed_name", .text)
                table.add(column: "manifest_json", .text)
            }
        }
        return migrator
    }

    /// Runs `work` in a transaction committed with `durability`, turning database errors into ``DaemonError``.
    func access<T>(_ durability: Durability = .written, _ work: (Database) throws -> T) throws(DaemonError) -> T {
        do {
            switch durability {
            case .written:
                return try database.write(work)
            case .syncedBeforePublication:
                let result = try database.write(work)
                publicationCommits.withLock { $0.written += 1 }
                return result
            case .synced:
                break
            }
            // Every commit counted before this one starts is in the WAL ahead of it, so its sync covers them.
            let covered = publicationCommits.withLock { $0.written }
            let (result, wrote) = try database.writeWithoutTransaction { db in
                // The level can only change outside a transaction; it applies to the commit that follows.
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
                let changesBefore = db.totalChangesCount
                var result: T?
                try db.inTransaction {
                    result = try work(db)
                    return .commit
                }
                guard let result else { throw DatabaseError(message: "the ledger transaction returned no result") }
                return (result, db.totalChangesCount != changesBefore)
            }
            // A transaction that changed nothing commits nothing to the WAL, and syncs nothing.
            if wrote { publicationCommits.withLock { $0.synced = max($0.synced, covered) } }
            return result
        } catch {
            throw DaemonError.ledger(path: path, cause: error)
        }
    }
}

extension Ledger {
    /// Makes every ``Durability/syncedBeforePublication`` commit durable (the stem reservations of the files in
    /// progress) before a job publishes under its stem: nothing when a `FULL` commit since (a content claim) did,
    /// else one `fsync` of the WAL, where SQLite appends every commit.
    func syncBeforePublication() throws(DaemonError) {
        let covered = publicationCommits.withLock { $0.synced >= $0.written ? nil : $0.written }
        guard let covered else { return }
        do throws(Errno) {
            try Syscall.fsync(path: path + "-wal")
        } catch  where error.code == ENOENT {
            // No WAL: the last connection checkpointed it into the database file, and synced that.
        } catch {
            throw DaemonError.ledger(path: path, cause: error)
        }
        publicationCommits.withLock { $0.synced = max($0.synced, covered) }
    }

    /// Whether a ``Durability/syncedBeforePublication`` commit may still be only in the page cache.
    var hasUnsyncedPublicationCommits: Bool {
        publicationCommits.withLock { $0.synced < $0.written }
    }
}

extension FileIdentity {
    /// Device and inode as SQLite integers (bit patterns).
    var databaseValues: (device: Int64, inode: Int64) {
        (Int64(bitPattern: device), Int64(bitPattern: inode))
    }
}
