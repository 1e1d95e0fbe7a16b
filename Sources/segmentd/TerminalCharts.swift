import Foundation

/// Whether `train` and `inspect` add their Unicode bar charts: only when stdout is a terminal that can draw them, so
/// output piped into a file or another program stays the plain tables scripts parse.
enum TerminalCharts {
    static var wanted: Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        return ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
}
