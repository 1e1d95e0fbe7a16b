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

    private let sessionsLock = NSLock()
    /// Sessions opened and not yet finished or cancelled.
    private var openSessions = 0
    /// Whether the latest segments live on disk (`MigrationStore+Latest.swift`) instead of in `table`; once set,
    /// never cleared.
    private var spilled = false
    /// Files committed through this state: a session that sees the same number at its commit knows that its
    /// rows' previous segments are still the committed ones.
    private var commits = 0
    /// The store of a spilled history, for lookups that must not wait for `commitLock`.
    private var diskStore: MigrationStore?

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

    /// Opens the history in `path`, or starts an empty one when the file does not exist yet. A history whose
    /// table would not fit `memoryBudget` (see `fits`) is spilled to disk instead of loaded.
    init(path: String, memoryBudget: Int) throws(PluginError) {
        self.path = path
        table = CustomerTable()
        names = [""]
        lineages = [""]
        lastSequence = 0
        rowsSinceSnapshot = 0
        if FileManager.default.fileExists(atPath: path) {
            let store = try MigrationStore(path: path)
            self.store = store
            var spill = try store.latestSequence() != nil
            if !spill {
                let size = try store.snapshotSize()
                // The snapshot alone is a lower bound of the table: when even that does not fit, do not load it.
                spill = !Self.fits(residentBytes: size.customers * 24 + size.keyBytes, budget: memoryBudget)
            }
            if !spill {
                let loaded = try store.load()
                table = loaded.table
                names = loaded.segmentNames
                lineages = loaded.segmentLineages
                lastSequence = loaded.lastSequence
                rowsSinceSnapshot = loaded.rowsSinceSnapshot
                spill = !Self.fits(residentBytes: table.residentBytes, budget: memoryBudget)
            }
            if spill {
                if try store.latestSequence() == nil { try store.spill() } else { try store.catchUpLatest() }
                try store.setCacheSize(bytes: Self.cacheBytes(budget: memoryBudget))
                let segments = try store.segments()
                names = segments.names
                lineages = segments.lineages
                lastSequence = segments.lastSequence
                table = CustomerTable()
                spilled = true
                diskStore = store
            }
        }
        codes = Dictionary(
            uniqueKeysWithValues: zip(names, lineages).enumerated().dropFirst().map { code, entry in
                (SegmentKey(name: entry.0, lineage: entry.1), UInt16(code))
            })
    }

    /// Whether a table of `residentBytes` stays in memory under `budget`: growing it briefly holds the old and the
    /// new arrays (and a commit prepares new hash slots beside the current ones), so it may take half the budget.
    static func fits(residentBytes: Int, budget: Int) -> Bool { residentBytes * 2 <= budget }

    /// SQLite's page cache for a spilled history: half the budget; the other half is left to the files in
    /// progress (a session keeps about 60–80 bytes per row of its file: its rows and the customers it met).
    static func cacheBytes(budget: Int) -> Int { budget / 2 }

    /// Runs `body` with the committed table, which no commit changes meanwhile.
    func withTable<Result, Failure: Error>(_ body: (CustomerTable) throws(Failure) -> Result) throws(Failure) -> Result
    {
        try indexLock.withReadLock { () throws(Failure) -> Result in try body(table) }
    }

    /// Bytes the in-memory table takes (none once spilled).
    var tableResidentBytes: Int { withTable { $0.residentBytes } }

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
    /// A spilled history is updated on disk in the file's transaction instead. A table that has outgrown
    /// `memoryBudget` is spilled once no other session is open (see `spillWhenOverBudget`).
    /// `commitsAtStart` is `beginSession().commits` of the committing session.
    func commit(
        _ file: FileRecord, commitsAtStart: Int, snapshotFactor: Double, memoryBudget: Int,
        log: (PluginLogLevel, String) -> Void,
        prepare: (CustomerTable) -> CustomerTable.PreparedAppend?,
        apply: (inout CustomerTable, CustomerTable.PreparedAppend?) -> Void
    ) throws(PluginError) -> CommitOutcome {
        commitLock.lock()
        defer { commitLock.unlock() }
        let store = try openStoreForWriting()
        let keys = segmentKeys
        let (onDisk, unchanged) = withSessionsLock { (spilled, commits == commitsAtStart) }
        guard
            try store.commit(
                file, expectedLast: lastSequence, names: keys.names, lineages: keys.lineages,
                latest: onDisk ? (unchanged ? .changedRows : .everyRow) : .none)
        else {
            return .alreadyCommitted
        }
        lastSequence += 1
        withSessionsLock { commits += 1 }
        if onDisk { return .committed }
        rowsSinceSnapshot += file.assignments.count
        // Only commits change the index, and this one holds `commitLock`: reading it without the lock is safe.
        let prepared = prepare(table)
        indexLock.withWriteLock { apply(&table, prepared) }
        if Double(rowsSinceSnapshot) > max(1, snapshotFactor * Double(table.count)),
            Self.fits(residentBytes: table.residentBytes, budget: memoryBudget)
        {
            do {
                try store.writeSnapshot(of: table, after: lastSequence)
                rowsSinceSnapshot = 0
            } catch {
                log(.warning, "could not write a snapshot to \(path): \(error)")
            }
        }
        spillWhenOverBudget(store, budget: memoryBudget, log: log)
        return .committed
    }

    /// Moves the latest segments to disk and frees the table when it no longer fits `budget`, provided the
    /// committing session is the only one open: a session computes against the table it started with, so the
    /// table may only go when none is using it (with several files in progress, a later commit spills). A failure
    /// is only logged: the history stays in memory, and a stale on-disk index is brought up to date when opened.
    private func spillWhenOverBudget(_ store: MigrationStore, budget: Int, log: (PluginLogLevel, String) -> Void) {
        sessionsLock.lock()
        defer { sessionsLock.unlock() }
        guard !spilled, openSessions <= 1, !Self.fits(residentBytes: table.residentBytes, budget: budget) else {
            return
        }
        let customers = table.count
        do {
            try store.spill()
            try store.setCacheSize(bytes: Self.cacheBytes(budget: budget))
        } catch {
            log(.warning, "could not move the customer index of \(path) to disk: \(error)")
            return
        }
        indexLock.withWriteLock { table = CustomerTable() }
        spilled = true
        diskStore = store
        log(
            .info,
            "the history of \(customers) customers in \(path) outgrew half of memory_budget (\(budget) bytes): "
                + "their latest segments are now looked up on disk")
    }

    /// Whether the latest segments live on disk.
    var isSpilled: Bool { withSessionsLock { spilled } }

    private func withSessionsLock<Result>(_ body: () -> Result) -> Result {
        sessionsLock.lock()
        defer { sessionsLock.unlock() }
        return body()
    }

    /// Registers a session that is opening; returns whether the history is spilled, when not the committed
    /// customers in the table, and the files committed so far. Every call is matched by one `endSession()`.
    func beginSession() -> (spilled: Bool, entries: Int, commits: Int) {
        sessionsLock.lock()
        defer { sessionsLock.unlock() }
        openSessions += 1
        return (spilled, spilled ? 0 : customerCount, commits)
    }

    /// Unregisters a session that finished or was cancelled.
    func endSession() {
        sessionsLock.lock()
        defer { sessionsLock.unlock() }
        openSessions -= 1
    }

    /// Calls `found` with the id and latest segment code of each of `keys` that a spilled history holds, batched
    /// (see `MigrationStore.lookUp`); a code that names no segment is reported as a corrupt database.
    func lookUp(_ keys: KeyList, _ found: (UnsafeRawBufferPointer, UInt16) -> Void) throws(PluginError) {
        sessionsLock.lock()
        let store = diskStore
        sessionsLock.unlock()
        guard let store, keys.count > 0 else { return }
        let codeCount = segmentKeys.names.count
        try store.lookUp(keys) { (key, code) throws(PluginError) in
            guard code != 0, Int(code) < codeCount else {
                throw PluginError(
                    .stateUnavailable, source: "migration",
                    problem: "the customer index in \(path) names an unknown segment code \(code)",
                    fix: "restore the migration database from a backup, or move it aside")
            }
            found(key, code)
        }
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
