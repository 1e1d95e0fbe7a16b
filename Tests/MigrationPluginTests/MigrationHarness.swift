import Foundation
import MigrationPlugin
import SegmentPlugin
import Synchronization

/// Keeps the lines a plugin logs.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    /// The plugin's log function, recording into this recorder.
    var log: @Sendable (PluginLogLevel, String) -> Void {
        { [self] _, message in lines.withLock { $0.append(message) } }
    }

    /// Whether the plugin logged that file `name` was a replay.
    func logsReplay(of name: String) -> Bool {
        lines.withLock { $0.contains { $0.hasPrefix("\(name) replays an input committed before") } }
    }
}

/// Drives the migration plugin through the public plugin API, as the host does.
struct MigrationHarness {
    static let segmentNames = ["Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]

    /// A fresh temporary state directory.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("migration-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs `body` on a thread of its own: long synchronous work there does not hold one of the few threads Swift
    /// concurrency shares among the tests running in parallel (on two cores, two such tests starve every async one).
    static func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Swift.Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The plugin built from its sample with `overrides` (TOML) laid over it, keeping state in `directory`.
    static func plugin(
        directory: String, overrides: String = "",
        log: @escaping @Sendable (PluginLogLevel, String) -> Void = { _, _ in }
    ) throws -> MigrationPlugin {
        let sample = try PluginSettings.parse(MigrationPlugin.descriptor.sampleConfiguration, source: "sample.toml")
        let operator_ = try PluginSettings.parse(overrides, source: "etc/plugins.d/migration.toml")
        let context = PluginContext(
            stateDirectory: directory, baseDirectory: directory, segmentNames: segmentNames,
            log: log)
        return try MigrationPlugin.configured(settings: sample.overlaid(by: operator_), context: context)
    }

    /// One row of a scored file.
    struct Row {
        var customer: String
        var segment: Int
        var confidence = 0.5
    }

    /// What a file produced.
    struct Result {
        var previous: [String?] = []
        var migration: [String?] = []
        var failures: [Int: String] = [:]
        var lines: [String] = []
        var report = PluginFileReport()
    }

    /// Processes `rows` as file `name` with content hash `sha256`, in batches of `batchSize`, then finishes.
    /// With `identifiedLater` the session is opened without the hash and given it after the rows, as the daemon
    /// does when it hashes the input while scoring it. `lineage` is the scoring model's (nil: not told).
    static func run(
        _ plugin: MigrationPlugin, name: String, sha256: String, rows: [Row], batchSize: Int = 3,
        trial: Bool = false, identifiedLater: Bool = false, lineage: String? = nil
    ) throws -> Result {
        let session = try plugin.openSession(
            for: PluginFile(
                name: name, sha256: identifiedLater ? nil : sha256,
                modelVersion: "test", modelLineage: lineage, isTrial: trial))
        var result = try process(session, rows: rows, batchSize: batchSize)
        if identifiedLater {
            let answer: ContentIdentification
            do {
                answer = try session.identify(sha256: sha256)
            } catch {
                session.cancel()
                throw error
            }
            guard answer == .ready else {
                session.cancel()
                throw NeedsContentFirst()
            }
        }
        let writer = RecordingWriter()
        result.report = try session.finish(artifacts: writer)
        result.lines = writer.lines["migrations.jsonl"] ?? []
        return result
    }

    /// Thrown by `run` when the session answered `.needsContentFirst` (it was cancelled).
    struct NeedsContentFirst: Error {}

    /// Processes `rows` without finishing the session.
    static func process(_ session: any PluginFileSession, rows: [Row], batchSize: Int) throws -> Result {
        var result = Result()
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(rows.count, start + batchSize)]
            let batch = ScoredBatch(
                lines: slice.indices.map { $0 + 2 }, customerIDs: slice.map(\.customer),
                segmentIDs: slice.map(\.segment),
                confidences: slice.map(\.confidence), distances: slice.map { _ in 1 }, segmentNames: segmentNames)
            var output = PluginColumns(columnCount: 2, rowCount: batch.count)
            try session.process(batch, into: &output)
            for row in 0..<batch.count {
                result.previous.append(text(output[row, 0]))
                result.migration.append(text(output[row, 1]))
                if let reason = output.failures[row] { result.failures[start + row] = reason }
            }
            start += batch.count
        }
        return result
    }

    private static func text(_ value: PluginValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

/// Keeps every artifact line in memory.
final class RecordingWriter: PluginArtifactWriter {
    private(set) var lines: [String: [String]] = [:]

    func appendLine(_ line: String, to suffix: String) throws(PluginError) {
        lines[suffix, default: []].append(line)
    }
}
