import SegmentPlugin

/// The migration plugin's work on one input file (see `FileWork` for the rules per row).
///
/// Nothing is shared until `finish` commits the whole file in one transaction; `cancel` just drops the
/// session, so a file that fails or a process killed mid-file leaves no trace. A replay (the input's SHA-256
/// was committed before) and a trial change no state.
final class MigrationSession: PluginFileSession {
    let file: PluginFile
    let state: MigrationState
    let settings: MigrationSettings
    let log: @Sendable (PluginLogLevel, String) -> Void
    var work: FileWork
    var isClosed = false
    /// The input's SHA-256: `file.sha256`, or the one `identify(sha256:)` gave.
    var sha256: String?
    /// Whether the history was spilled to disk when the session opened (it then stays so).
    let spilled: Bool
    /// Spilled history: the committed customers this file has met, looked up a batch at a time, as a table of the
    /// session's own (`FileWork` computes against it as against the shared table; its size follows the file).
    private var met = CustomerTable()
    /// Files committed when the session opened (`MigrationState.beginSession`).
    let commitsAtStart: Int
    /// Whether the session still counts as open in `state`.
    private var registered = true

    init(
        file: PluginFile, state: MigrationState, stored: FileAssignments?, settings: MigrationSettings,
        log: @escaping @Sendable (PluginLogLevel, String) -> Void
    ) {
        self.file = file
        self.state = state
        self.settings = settings
        self.log = log
        sha256 = file.sha256
        let opened = state.beginSession()
        spilled = opened.spilled
        commitsAtStart = opened.commits
        work = FileWork(stored: stored, entriesAtStart: opened.entries, settings: settings)
    }

    deinit { endSession() }

    /// Tells the state this session is over (once).
    func endSession() {
        guard registered else { return }
        registered = false
        met = CustomerTable()
        state.endSession()
    }

    func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
        guard !isClosed else {
            throw PluginError(
                .processingFailed, source: "migration", problem: "a batch arrived after the file ended",
                fix: "report this as a bug in the host")
        }
        guard spilled else {
            return try state.withTable { (table) throws(PluginError) in
                try work.process(batch, into: &output, table: table, state: state, lineage: file.modelLineage ?? "")
            }
        }
        try lookUpCommitted(batch)
        try work.process(batch, into: &output, table: met, state: state, lineage: file.modelLineage ?? "")
    }

    /// Adds to `met` the committed segment of every customer of `batch` not met before, in one batched lookup.
    /// Only rows `FileWork` records count: a customer in `met` has been recorded, so its later rows take this file's
    /// own previous row, and its committed segment is read when first needed, as with the shared table.
    private func lookUpCommitted(_ batch: ScoredBatch) throws(PluginError) {
        var missing = KeyList()
        for row in 0..<batch.count where batch.segmentNames.indices.contains(batch.segmentIDs[row]) {
            CustomerKey.withBytes(of: batch.customerIDs[row]) { key in
                guard !key.isEmpty, key.count <= FileWork.maximumKeyLength,
                    met.find(key, hash: CustomerKey.hash(key)) == nil
                else { return }
                missing.append(key)
            }
        }
        try state.lookUp(missing) { key, code in
            let hash = CustomerKey.hash(key)
            if met.find(key, hash: hash) == nil { met.append(key, hash: hash, segment: code) }
        }
    }

    /// Accepts the digest of a file opened without one, unless that content was committed before: then the rows
    /// were computed as for a fresh file, not as the replay they are, and the host must start again.
    func identify(sha256: String) throws(PluginError) -> ContentIdentification {
        if file.sha256 == nil, try state.isCommitted(sha256: sha256) { return .needsContentFirst }
        self.sha256 = sha256
        return .ready
    }

    func cancel() {
        isClosed = true
        work = FileWork(stored: nil, entriesAtStart: 0, settings: settings)
        endSession()
    }
}
