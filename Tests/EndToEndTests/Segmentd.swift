import Foundation
import SegmentdTestSupport
import Testing

/// Runs the real `segmentd` binary that `swift test` built beside the test bundle.
struct Segmentd {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL { SegmentdBinary.url }

    /// Runs `segmentd arguments…` in `directory` and waits for it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Outcome {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self)
        )
    }

    /// Runs and requires exit status 0, returning stdout.
    @discardableResult
    static func succeed(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> String
    {
        let outcome = try run(arguments, in: directory, environment: environment)
        try #require(outcome.status == 0, "segmentd \(arguments.joined(separator: " ")) failed: \(outcome.stderr)")
        return outcome.stdout
    }
}

/// A fresh working directory for one test.
struct Workspace {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path(name), encoding: .utf8) }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    func lines(_ name: String) throws -> [Substring] { try read(name).split(separator: "\n") }
}
