import ExecPlugin
import Foundation
import SegmentPlugin
import Synchronization

/// Builds exec plugins the way the host does (the operator's TOML laid over `sample.toml`) and runs batches.
enum ExecFixture {
    /// The package root, where `plugins/exec/examples` lives.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    /// The misbehaving test children.
    static let children = root + "/plugins/exec/examples/misbehaving"
    static let segmentNames = ["Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]

    /// Short grace and backoffs for tests, with a batch timeout of `batchTimeout` seconds.
    static func quick(batchTimeout: Double = 5) -> String {
        """
        batch_timeout = \(batchTimeout)
        stop_grace = 0.2
        restart_backoff = { initial = 0.05, max = 0.2 }
        """
    }

    static func plugin(_ operatorTOML: String, log: LogRecorder = LogRecorder()) throws -> ExecPlugin {
        let sample = try PluginSettings.parse(ExecPlugin.descriptor.sampleConfiguration, source: "sample.toml")
        let settings = try PluginSettings.parse(operatorTOML, source: "etc/plugins.d/exec.toml")
        let context = PluginContext(
            stateDirectory: NSTemporaryDirectory(), baseDirectory: root,
            segmentNames: segmentNames, log: log.record)
        return try ExecPlugin.configured(settings: sample.overlaid(by: settings), context: context)
    }

    /// A plugin running one of the test children with the columns `["echo"]`.
    static func child(
        _ script: String, _ arguments: String..., batchTimeout: Double = 5, extra: String = "",
        log: LogRecorder = LogRecorder()
    ) throws -> ExecPlugin {
        let argv = (["python3", "\(children)/\(script)"] + arguments).map { "\"\($0)\"" }.joined(separator: ", ")
        return try plugin(
            "command = [\(argv)]\ncolumns = [\"echo\"]\n\(quick(batchTimeout: batchTimeout))\n\(extra)", log: log)
    }

    /// One batch of rows with the given customer ids, segments cycling through the five names.
    /// Row `i` is on line `firstLine + i`.
    static func batch(
        _ customerIDs: [String], segments: [Int]? = nil, confidences: [Double]? = nil,
        inputColumns: [String] = [], inputValues: [Double] = [], firstLine: Int = 2
    ) -> ScoredBatch {
        let count = customerIDs.count
        return ScoredBatch(
            lines: (0..<count).map { $0 + firstLine }, customerIDs: customerIDs,
            segmentIDs: segments ?? (0..<count).map { $0 % 5 },
            confidences: confidences ?? Array(repeating: 0.5, count: count),
            distances: Array(repeating: 1.25, count: count), segmentNames: segmentNames,
            inputColumns: inputColumns, inputValues: inputValues)
    }

    static func ids(_ prefix: String, _ count: Int) -> [String] {
        (0..<count).map { "\(prefix)\($0)" }
    }

    /// Runs `batch` through `session` and returns the added columns.
    static func run(_ batch: ScoredBatch, _ session: any PluginFileSession, columns: Int = 1) throws -> PluginColumns {
        var output = PluginColumns(columnCount: columns, rowCount: batch.count)
        try session.process(batch, into: &output)
        return output
    }

    /// The rows of `output` that were not failed but whose "echo" column is not their own customer id: rows that
    /// carry an answer the child computed for another row.
    static func foreignAnswers(_ output: PluginColumns, ids: [String]) -> [Int] {
        ids.indices.filter { output.failures[$0] == nil && output[$0, 0] != .text(ids[$0]) }
    }

    static func file(_ name: String = "input.csv") -> PluginFile {
        PluginFile(name: name, sha256: String(repeating: "0", count: 64), modelVersion: "test", isTrial: false)
    }
}

/// The log lines a plugin wrote, safe to read while a child's stderr is still being logged.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    @Sendable func record(_ level: PluginLogLevel, _ message: String) {
        lines.withLock { $0.append("\(level.rawValue): \(message)") }
    }

    /// Waits up to `seconds` for a line containing `text` (generous: blocking tests can starve the waiting task,
    /// which is why the log is looked at once more after the deadline: a starved task may wake up only after it).
    func waitFor(_ text: String, seconds: Double = 20) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while ContinuousClock.now < deadline {
            if all.contains(where: { $0.contains(text) }) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return all.contains(where: { $0.contains(text) })
    }
}
