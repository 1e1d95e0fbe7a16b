import Foundation

/// Runs a reference script of Tests/Python with the python3 on PATH (scripts/test-tools.sh puts its virtual
/// environment, with numpy, first) and returns what it printed.
public enum PythonScript {
    /// A script that exited with a failure, with what it wrote on stderr.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `Tests/Python/<name>` with `arguments`; throws ``Failure`` when it exits non-zero.
    public static func run(_ name: String, _ arguments: [String]) throws -> [UInt8] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Python/\(name)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) failed (scripts/test-tools.sh installs numpy): \(complaint)")
        }
        return Array(data)
    }
}
