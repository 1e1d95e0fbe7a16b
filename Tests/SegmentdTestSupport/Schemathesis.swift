public import Foundation

/// schemathesis (PyPI), installed by scripts/test-tools.sh into `.build/test-venv`, for fuzzing a live server from
/// its OpenAPI document.
public enum Schemathesis {
    /// `$SEGMENTD_SCHEMATHESIS` when set, else `.build/test-venv/bin/schemathesis` in the repository, else the first
    /// `schemathesis` on PATH (scripts/test.sh puts the environment there); nil when none exists (run
    /// `bash scripts/test-tools.sh`).
    public static var path: String? {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["SEGMENTD_SCHEMATHESIS"], !override.isEmpty { return override }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let directories =
            [root.appendingPathComponent(".build/test-venv/bin").path]
            + (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return directories.map { $0 + "/schemathesis" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `schemathesis run arguments…` in `directory` (where it may leave its reports) to its end; the exit
    /// status and everything it printed.
    public static func run(_ schemathesis: String, _ arguments: [String], in directory: URL) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: schemathesis)
        process.arguments = ["run"] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
