import Foundation
import SegmentdTestSupport
import Testing

/// Runs the real `segmentd` and the Python scripts of Tests/Python in a temporary directory of one test.
struct ExportRun {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-export-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `segmentd arguments…` here; returns the exit status and stderr.
    @discardableResult
    func segmentd(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let outcome = try ToolProcess.run([SegmentdBinary.url.path] + arguments, in: directory)
        return (outcome.status, String(decoding: outcome.output, as: UTF8.self), outcome.errors)
    }

    /// Runs `segmentd arguments…` and requires success.
    func succeed(_ arguments: [String]) throws {
        let outcome = try segmentd(arguments)
        try #require(outcome.status == 0, "segmentd \(arguments.joined(separator: " ")): \(outcome.stderr)")
    }

    /// Runs `Tests/Python/<script>` and decodes the JSON object it prints.
    func python(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let printed = try PythonScript.run(script, arguments)
        return try #require(try JSONSerialization.jsonObject(with: Data(printed)) as? [String: Any])
    }
}
