import GRDB
import SegmentSupport

/// How the scoring host opens the SQLite files it keeps in the state directory (`monitor.sqlite`, `reservoir.sqlite`),
/// with the settings of the daemon's ledger: the entry is refused when it (or a journal beside it) is a link
/// (``StateFile``); WAL, so `segmentd history`, `check` and `retrain` read beside a running daemon without blocking
/// it; `synchronous = NORMAL`, so a committed transaction survives the process being killed (an operating-system
/// crash may lose the last ones, which the daemon counts again from the ledger's view of what it published); a 10 s
/// busy timeout for a reader that holds the file briefly.
enum StateDatabase {
    /// Opens (creating if needed) the database at `path`.
    /// - Throws: ``StateFile/Refusal`` for a link or a non-regular file; `Errno` or GRDB's error otherwise.
    static func open(path: String) throws -> DatabaseQueue {
        try StateFile.checkDatabase(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
