import Foundation
import PluginRegistry
import SegmentPlugin

/// Measures each built-in plugin's cost per row over one large batch (release build):
///
///     swift run -c release PluginBenchmark [rows]
///
/// For every plugin (with its defaults, and campaign also with confidence rules) it prints the best of several
/// runs of `process` alone and of allocating the batch's `PluginColumns` (the host's share) plus `process`.
/// Plugins that keep durable state get a fresh temporary state directory.
@main
struct PluginBenchmark {
    static let segmentNames = ["Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]
    static let repetitions = 5

    static func main() throws {
        let rows = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
        let batch = makeBatch(rows: rows)
        print("rows per batch: \(rows), best of \(repetitions) runs")
        let ruleConfig = """
            [all]
            rules = [{ confidence_below = 0.2, campaign = "review", channel = "analyst_queue" }]
            [segments."Big Tickets"]
            rules = [{ confidence_at_least = 0.9, channel = "private_banker" }]
            """
        var variants: [(label: String, type: any ActionPlugin.Type, config: String)] =
            BuiltInPlugins.all.map { ($0.descriptor.name, $0, "") }
        if let campaign = BuiltInPlugins.all.first(where: { $0.descriptor.name == "campaign" }) {
            variants.append(("campaign + 2 rules", campaign, ruleConfig))
        }
        for variant in variants {
            let (process, total) = try measure(variant.type, config: variant.config, batch: batch)
            print(String(format: "%-22@ process %6.1f ns/row   columns + process %6.1f ns/row",
                         variant.label as NSString, process * 1e9 / Double(rows), total * 1e9 / Double(rows)))
        }
    }

    /// Best seconds of `process` alone and of column allocation plus `process`, each over a fresh session.
    static func measure(_ type: any ActionPlugin.Type, config: String,
                        batch: ScoredBatch) throws -> (process: Double, total: Double) {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-bench-\(UUID())")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let sample = try PluginSettings.parse(type.descriptor.sampleConfiguration, source: "sample.toml")
        let settings = sample.overlaid(by: try PluginSettings.parse(config, source: "benchmark.toml"))
        let context = PluginContext(stateDirectory: state.path, baseDirectory: state.path, segmentNames: segmentNames)
        let plugin = try type.init(settings: settings, context: context)
        var bestProcess = Double.infinity
        var bestTotal = Double.infinity
        for run in 0..<repetitions {
            let file = PluginFile(name: "bench-\(run).csv", sha256: String(repeating: "\(run % 10)", count: 64),
                                  modelVersion: "bench", isTrial: false)
            let session = try plugin.openSession(for: file)
            let clock = ContinuousClock()
            let start = clock.now
            var columns = PluginColumns(columnCount: plugin.outputColumns.count, rowCount: batch.count)
            let allocated = clock.now
            try session.process(batch, into: &columns)
            let end = clock.now
            session.cancel()
            precondition(columns.failures.isEmpty, "the benchmark batch has only valid segment ids")
            bestProcess = min(bestProcess, seconds(end - allocated))
            bestTotal = min(bestTotal, seconds(end - start))
        }
        return (bestProcess, bestTotal)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    /// `rows` rows with segment ids and confidences from a fixed linear congruential sequence.
    static func makeBatch(rows: Int) -> ScoredBatch {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var segments: [Int] = []
        var confidences: [Double] = []
        segments.reserveCapacity(rows)
        confidences.reserveCapacity(rows)
        for _ in 0..<rows {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            segments.append(Int(state >> 33) % segmentNames.count)
            confidences.append(Double(state >> 11 & 0xFFFF) / 65_536)
        }
        return ScoredBatch(lines: Array(2..<(rows + 2)), customerIDs: (0..<rows).map { "C\($0)" },
                           segmentIDs: segments, confidences: confidences,
                           distances: Array(repeating: 1, count: rows), segmentNames: segmentNames)
    }
}
