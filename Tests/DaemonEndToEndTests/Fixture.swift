import Foundation
import SegmentdTestSupport

/// A model trained once per test run with the real `segmentd train`, and generated rows to build inputs from.
struct Fixture: Sendable {
    let modelPath: String
    let header: String
    let rows: [String]

    static let shared: Result<Fixture, any Error> = Result { try Fixture() }

    private init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "segmentd-daemon-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = directory.appendingPathComponent("t.csv").path
        modelPath = directory.appendingPathComponent("model.json").path
        try Self.runToEnd(["generate", "--rows", "20000", "--seed", "1", data])
        try Self.runToEnd(["train", data, "--output", modelPath])
        let lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").map(String.init)
        header = lines[0]
        rows = Array(lines.dropFirst())
    }

    /// A CSV of `count` generated rows starting at row `start` (wrapping around), distinct for distinct starts.
    func csv(rows count: Int, from start: Int) -> String {
        var text = header + "\n"
        for index in 0..<count {
            text += rows[(start + index) % rows.count] + "\n"
        }
        return text
    }

    /// Runs `segmentd arguments…` and waits; throws when it fails.
    static func runToEnd(_ arguments: [String], in directory: URL? = nil) throws {
        let process = Process()
        process.executableURL = SegmentdBinary.url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(
                message: "segmentd \(arguments.joined(separator: " ")): \(String(decoding: message, as: UTF8.self))")
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
