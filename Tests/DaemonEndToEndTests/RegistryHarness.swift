import Foundation
import SegmentdTestSupport
import Testing

/// A daemon tree whose configuration follows the registry (`model = "registry:champion"`), with models trained by
/// the real `segmentd train` on generated data, and the commands run against it.
struct RegistryTree {
    let tree: DaemonTree

    init(settings: [String] = []) throws {
        tree = try DaemonTree(settings: ["model = \"registry:champion\""] + settings)
    }

    func path(_ relative: String) -> String { tree.path(relative) }

    /// `segmentd arguments…` run to its end in the tree, with `environment` added to the test's own.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CommandResult {
        try await CommandResult.run(arguments, in: tree.url, environment: environment)
    }

    /// Like ``run(_:environment:)``, requiring exit status 0.
    @discardableResult
    func succeed(_ arguments: [String]) async throws -> CommandResult {
        let result = try await run(arguments)
        try #require(result.status == 0, "segmentd \(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// Trains on `rows` generated customers of seed `seed` with `extra` options; returns the registered version.
    func train(seed: UInt64, rows: Int = 3000, _ extra: [String] = []) async throws -> String {
        let data = path("stage/train-\(seed).csv")
        if !FileManager.default.fileExists(atPath: data) {
            try await succeed(["generate", "--rows", "\(rows)", "--seed", "\(seed)", data])
        }
        let output = try await succeed(["train", data] + extra).stdout
        let line = try #require(output.split(separator: "\n").first { $0.hasPrefix("registered ") }, "\(output)")
        return String(line.split(separator: " ")[1])
    }

    /// The alias file as a dictionary; nil when it is absent.
    func aliases() throws -> [String: String]? {
        guard let data = FileManager.default.contents(atPath: path("var/models/aliases.json")) else { return nil }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String], "aliases.json")
    }

    /// `models list --json`, by version.
    func listed() async throws -> [String: [String: Any]] {
        let text = try await succeed(["models", "list", "--json"]).stdout
        let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "\(text)")
        return Dictionary(uniqueKeysWithValues: array.map { ($0["version"] as? String ?? "", $0) })
    }

    func remove() { tree.remove() }
}

/// What a finished command printed and how it exited.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Waits by polling, not `waitUntilExit`, so a test never blocks a thread of the shared cooperative pool.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws
        -> CommandResult
    {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-reg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = SegmentdBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        return CommandResult(
            status: process.terminationStatus, stdout: try String(contentsOfFile: outPath, encoding: .utf8),
            stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
