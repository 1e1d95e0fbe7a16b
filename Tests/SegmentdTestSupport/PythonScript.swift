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
        let outcome = try ToolProcess.run(["python3", script.path] + arguments)
        guard outcome.status == 0 else {
            throw Failure(description: "\(name) failed (scripts/test-tools.sh installs numpy): \(outcome.errors)")
        }
        return Array(outcome.output)
    }
}
