import GRDB

/// The SQLite record of every input the daemon committed, and of the output names reserved by files in progress.
///
/// `processed` has one row per published manifest: the input's content hash (for duplicate detection), its name,
/// and the device/inode of the claimed input, which is how a file re-processed after a crash recognises its own
/// earlier, interrupted attempt. `reservations` holds the output stem chosen by each file in progress, written before
/// any output exists, so a re-run after a crash publishes under the very same names.
final class Ledger: Sendable {
    private let database: DatabaseQueue
    /// Path of the SQLite file.
    let path: String

    /// Opens (creating if needed) the ledger at `path` and brings its schema up to date.
    init(path: String) throws(DaemonError) {
        self.path = path
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
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
        return migrator
    }

    /// Runs `work` in a transaction, turning database errors into ``DaemonError``.
    func access<T>(_ work: (Database) throws -> T) throws(DaemonError) -> T {
        do {
            return try database.write(work)
        } catch {
            throw DaemonError.ledger(path: path, cause: error)
        }
    }
}

extension FileIdentity {
    /// Device and inode as SQLite integers (bit patterns).
    var databaseValues: (device: Int64, inode: Int64) {
        (Int64(bitPattern: device), Int64(bitPattern: inode))
    }
}
