import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// A directory for one `segmentd serve`: `etc/segmentd.toml` with the given `[http]` lines, `var/model.json` when
/// a model is given, and the process's log.
final class ServeTree {
    let url: URL

    init(http: [String], model: String? = ModelFixture.shared.first) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-http-\(UUID().uuidString)")
        for directory in ["etc", "var", "log"] {
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        // The pinned file var/model.json, not the shipped default (the registry's champion).
        try ("model = \"var/model.json\"\n[http]\n" + http.joined(separator: "\n") + "\n").write(
            toFile: path("etc/segmentd.toml"), atomically: true, encoding: .utf8)
        if let model { try FileManager.default.copyItem(atPath: model, toPath: path("var/model.json")) }
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// `segmentd serve --config etc/segmentd.toml` running in a ``ServeTree``, its output in a log file.
final class ServeProcess {
    let process = Process()
    let logPath: String

    init(in tree: ServeTree) throws {
        logPath = tree.path("log/serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = SegmentdBinary.url
        process.arguments = ["serve", "--config", "etc/segmentd.toml"]
        process.currentDirectoryURL = tree.url
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// The port of the start-up line `HTTP server listening on <address>`, waiting for it.
    func waitForPort(timeout: Duration = .seconds(30)) async throws -> Int {
        try await Poll.until("serve logs its address", timeout: timeout) {
            log.contains("HTTP server listening on ") || !process.isRunning
        }
        let line = try #require(log.split(separator: "\n").first { $0.contains("HTTP server listening on ") }, "\(log)")
        let address = line.split(separator: "listening on ")[1].split(separator: " ")[0]
        return try #require(Int(address.split(separator: ":").last ?? ""), "\(line)")
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the exit and returns the status.
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        try await Poll.until("serve exits", timeout: timeout) { !process.isRunning }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Two models trained once per test run with the real `segmentd train` (different seeds, different versions).
enum ModelFixture {
    static let shared: (first: String, second: String) = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "segmentd-http-fixture-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var models: [String] = []
        for seed in [1, 2] {
            let data = directory.appendingPathComponent("t\(seed).csv").path
            let model = directory.appendingPathComponent("model\(seed).json").path
            _ = run(["generate", "--rows", "3000", "--seed", "\(seed)", data])
            _ = run(["train", data, "--output", model])
            models.append(model)
        }
        return (models[0], models[1])
    }()

    /// Runs `segmentd arguments…` to its end; its status and output.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = SegmentdBinary.url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Polling with a deadline: the server is another process.
enum Poll {
    static func until(
        _ what: String, timeout: Duration, every interval: Duration = .milliseconds(50), _ condition: () throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            try #require(ContinuousClock.now < deadline, "timed out after \(timeout) waiting until \(what)")
            try await Task.sleep(for: interval)
        }
    }
}
