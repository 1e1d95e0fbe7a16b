import Logging
import SegmentSupport

/// The one log line written per file: name, outcome, rows, rejects, duration (the counts and the duration as numbers
/// in JSON logs). A scored file with rejected rows is logged at `warning`, so a filter on warnings shows every file
/// whose output lacks rows of its input.
enum JobLog {
    static func record(_ outcome: JobOutcome, file: String, duration: Duration, logger: Logger) {
        var metadata: Logger.Metadata = [
            "file": "\(file)",
            "outcome": "\(outcome.word)",
            "duration_ms": .stringConvertible(
                duration.inWholeMilliseconds),
        ]
        let level: Logger.Level
        switch outcome {
        case .scored(let counts, let manifest):
            metadata["rows"] = .stringConvertible(counts.rowsRead)
            metadata["scored"] = .stringConvertible(counts.rowsScored)
            metadata["rejects"] = .stringConvertible(counts.rowsRejected)
            metadata["manifest"] = "\(manifest)"
            level = counts.rowsRejected > 0 ? .warning : .info
        case .duplicate(let original, let manifest):
            metadata["duplicate_of"] = "\(original)"
            metadata["manifest"] = "\(manifest)"
            level = .info
        case .completedEarlier(let manifest):
            metadata["manifest"] = "\(manifest)"
            level = .info
        case .failed(let reason, let failedName):
            metadata["reason"] = "\(reason)"
            metadata["failed_as"] = "\(failedName)"
            level = .warning
        case .deferred(let problem, _):
            metadata["reason"] = "\(problem)"
            level = .warning
        case .skipped(let reason):
            metadata["reason"] = "\(reason)"
            level = .debug
        }
        logger.log(level: level, "file \(outcome.word)", metadata: metadata)
    }
}
