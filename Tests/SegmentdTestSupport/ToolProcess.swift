public import Foundation

/// Runs a tool the tests use (python3, chromium) through `/usr/bin/env`, so the one on PATH is taken (scripts/
/// test-tools.sh puts its virtual environment first), and collects what it printed.
public enum ToolProcess {
    /// What a finished tool left: its exit status, standard output and standard error.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: Data
        public var errors: String
    }

    /// Runs `arguments` (the tool's name or path first) in `directory` (default: the current one) and waits for it.
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: data, errors: complaint)
    }
}
