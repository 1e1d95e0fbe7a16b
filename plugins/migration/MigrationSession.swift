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

    init(
        file: PluginFile, state: MigrationState, stored: FileAssignments?, settings: MigrationSettings,
        log: @escaping @Sendable (PluginLogLevel, String) -> Void
    ) {
        self.file = file
        self.state = state
        self.settings = settings
        self.log = log
        sha256 = file.sha256
        work = FileWork(stored: stored, entriesAtStart: state.customerCount, settings: settings)
    }

    func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
        guard !isClosed else {
            throw PluginError(
                .processingFailed, source: "migration", problem: "a batch arrived after the file ended",
                fix: "report this as a bug in the host")
        }
        try state.withTable { (table) throws(PluginError) in
            try work.process(batch, into: &output, table: table, state: state, lineage: file.modelLineage ?? "")
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
    }
}
