import SegmentPlugin
import Foundation

/// The customer history behind one database file, shared by every plugin instance and session that names it.
///
/// Sessions read the committed index under a read lock, one batch at a time, so two files can be computed at
/// once. Commits are serialised by `commitLock`: a file's rows go to SQLite in one synced transaction first,
/// and only then are applied to the index under the write lock, so the index never holds anything the database
/// does not. The database is created by the first commit; until then (and for trials) the history is empty.
final class MigrationState: @unchecked Sendable {
    /// The database file.
    let path: String

    private let indexLock = ReadWriteLock()
    private var table: CustomerTable

    private let commitLock = NSLock()
    private var store: MigrationStore?
    private var lastSequence: Int
    private var rowsSinceSnapshot: Int

    private let namesLock = NSLock()
    private var names: [String]
    private var lineages: [String]
    private var codes: [SegmentKey: UInt16]

    /// What a segment code stands for: a segment name as one model lineage uses it (segment ids are comparable
    /// only within a lineage, so a customer's move is only reported between codes of one lineage). An empty
    /// lineage is one not known (codes of a history written before lineages were recorded).
    struct SegmentKey: Hashable {
        var name: String
        var lineage: String
    }

    /// Opens the history in `path`, or starts an empty one when the file does not exist yet.
    init(path: String) throws(PluginError) {
        self.path = path
        if FileManager.default.fileExists(atPath: path) {
            let store = try MigrationStore(path: path)
            let loaded = try store.load()
            self.store = store
            table = loaded.table
            names = loaded.segmentNames
            lineages = loaded.segmentLineages
            lastSequence = loaded.lastSequence
            rowsSinceSnapshot = loaded.rowsSinceSnapshot
        } else {
            table = CustomerTable()
            names = [""]
            lineages = [""]
            lastSequence = 0
            rowsSinceSnapshot = 0
        }
        codes = Dictionary(
            uniqueKeysWithValues: zip(names, lineages).enumerated().dropFirst().map { code, entry in
                (SegmentKey(name: entry.0, lineage: entry.1), UInt16(code))
            })
    }

    /// Runs `body` with the committed table, which no commit changes meanwhile.
    func withTable<Result, Failure: Error>(_ body: (CustomerTable) throws(Failure) -> Result) throws(Failure) -> Result
    {
        try indexLock.withReadLock { () throws(Failure) -> Result in try body(table) }
    }

    /// Number of committed customers.
    var customerCount: Int { withTable { $0.count } }

    /// The code of segment `name` in model lineage `lineage` (empty: not known), assigning the next free one to a
    /// pair never seen before.
    func code(for name: String, lineage: String) throws(PluginError) -> UInt16 {
        let key = SegmentKey(name: name, lineage: lineage)
        namesLock.lock()
        defer { namesLock.unlock() }
        if let code = codes[key] { return code }
        guard names.count <= Int(UInt16.max) else {
            throw PluginError(
                .stateUnavailable, source: "migration", problem: "more than 65,535 segment names in \(path)",
                fix: "start a new history file with the `database` setting")
        }
        let code = UInt16(names.count)
        names.append(name)
        lineages.append(lineage)
        codes[key] = code
        return code
    }

    /// Segment names by code (code 0, no segment, is the empty name).
    var segmentNames: [String] {
        namesLock.lock()
        defer { namesLock.unlock() }
        return names
    }

    /// Segment names and their lineages by code.
    var segmentKeys: (names: [String], lineages: [String]) {
        namesLock.lock()
        defer { namesLock.unlock() }
        return (names, lineages)
    }

    /// The rows committed for the input with `sha256`, or nil when it was never committed.
    func storedFile(sha256: String) throws(PluginError) -> FileAssignments? {
        commitLock.lock()
        let store = store
        commitLock.unlock()
        return try store?.storedFile(sha256: sha256)
    }

    /// Whether the input with `sha256` was committed.
    func isCommitted(sha256: String) throws(PluginError) -> Bool {
        commitLock.lock()
        let store = store
        commitLock.unlock()
        return try store?.isCommitted(sha256: sha256) ?? false
    }

    /// How a commit went.
    enum CommitOutcome: Equatable {
        /// The file is stored and applied.
        case committed
        /// The same input was committed by another session first; nothing changed.
        case alreadyCommitted
    }

    /// Stores `file` durably, then runs `apply` on the index under the write lock, with what `prepare` made from
    /// the index as it stands (`prepare` only reads it, before the write lock is taken, so sessions keep reading
    /// meanwhile). When the rows stored since the latest snapshot exceed `snapshotFactor` × customers, writes a new
    /// snapshot (a failure there is only logged: the file is committed, and the next open replays a little more).
    func commit(
        _ file: FileRecord, snapshotFactor: Double, log: (PluginLogLevel, String) -> Void,
        prepare: (CustomerTable) -> CustomerTable.PreparedAppend?,
        apply: (inout CustomerTable, CustomerTable.PreparedAppend?) -> Void
    ) throws(PluginError) -> CommitOutcome {
        commitLock.lock()
        defer { commitLock.unlock() }
        let store = try openStoreForWriting()
        let keys = segmentKeys
        guard try store.commit(file, expectedLast: lastSequence, names: keys.names, lineages: keys.lineages) else {
            return .alreadyCommitted
        }
        lastSequence += 1
        rowsSinceSnapshot += file.assignments.count
        // Only commits change the index, and this one holds `commitLock`: reading it without the lock is safe.
        let prepared = prepare(table)
        indexLock.withWriteLock { apply(&table, prepared) }
        if Double(rowsSinceSnapshot) > max(1, snapshotFactor * Double(table.count)) {
            do {
                try store.writeSnapshot(of: table, after: lastSequence)
                rowsSinceSnapshot = 0
            } catch {
                log(.warning, "could not write a snapshot to \(path): \(error)")
            }
        }
        return .committed
    }

    /// The open store; creates the database (and its directory) on the first commit.
    private func openStoreForWriting() throws(PluginError) -> MigrationStore {
        if let store { return store }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory.isEmpty ? "." : directory,
                withIntermediateDirectories: true)
        } catch {
            throw MigrationStore.failure(error, path: path, doing: "create the directory of")
        }
        let created = try MigrationStore(path: path)
        store = created
        return created
    }
}
