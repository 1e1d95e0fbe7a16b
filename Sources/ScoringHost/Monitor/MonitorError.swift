package import SegmentSupport

/// Why the monitoring windows (`<state_dir>/monitor.sqlite`) could not be read or written: what, where, how to fix.
package struct MonitorError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case database
        case refused
        case badCounts
    }

    private let code: Code
    /// What went wrong, where, and how to fix it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    static func database(_ path: String, _ cause: any Error) -> MonitorError {
        MonitorError(
            .database,
            "the monitoring windows \(path) cannot be used: \(cause). Check that the state directory exists and is "
                + "writable by the daemon's user and that the disk has room; a damaged file may be removed (the "
                + "daemon starts new windows, and only the history of past days is lost).")
    }

    static func refused(_ refusal: StateFile.Refusal) -> MonitorError {
        MonitorError(.refused, "the monitoring windows cannot be opened: \(refusal)")
    }

    static func badCounts(_ path: String, day: String, model: String, detail: String) -> MonitorError {
        MonitorError(
            .badCounts,
            "the counts of \(day) for model \(model) in \(path) cannot be read: \(detail). Remove that day with "
                + "sqlite3 (DELETE FROM day_counts WHERE day = '\(day)') or remove the file.")
    }
}

extension MonitorError: ExitStatusClassified {
    /// A database that cannot be opened or written is `EX_UNAVAILABLE` (69), a link in its place `EX_CONFIG` (78);
    /// unreadable counts `EX_DATAERR` (65).
    package var exitStatus: ExitStatus {
        switch code {
        case .database: .unavailable
        case .refused: .configuration
        case .badCounts: .dataError
        }
    }
}
