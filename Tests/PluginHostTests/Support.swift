import Foundation
@testable import ScoringHost
import SegmentCore
import SegmentIO
import SegmentPlugin
import SegmentdTestSupport

/// Segment 1 ("High") when the value of `x` is positive, else 0 ("Low"); confidence 0.25, distance |x|.
struct SignScorer: RowScorer {
    var idColumn = "id"
    var inputColumns = ["x"]
    var segmentNames = ["Low", "High"]
    var modelVersion = "sign-1"
    var scratchCount = 1

    func assign(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Assignment
    {
        let value = values[0].isNaN ? 0 : values[0]
        return Assignment(segment: value > 0 ? 1 : 0, confidence: 0.25, distance: abs(value))
    }
}

/// A scratch directory, removed when released.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-host-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Hands the manifests of an `outbox/` in it to the schema check (``ManifestCollector``) first.
    deinit {
        ManifestCollector.collect(outbox: path + "/outbox")
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
    }

    func text(_ name: String) -> String? {
        FileManager.default.contents(atPath: file(name)).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// `count` CSV rows `id,x`: ids c1…cN, x alternating sign.
func signCSV(rows count: Int) -> String {
    "id,x\n" + (1...count).map { "c\($0),\($0 % 2 == 0 ? "" : "-")\($0)\n" }.joined()
}

/// Builds plugins from `files` (plugin name → text of its settings file) with the fake registry.
func pluginSet(
    _ files: [String: String], in scratch: Scratch,
    available: [any ActionPlugin.Type] = fakePlugins
) throws -> PluginSet {
    for (name, text) in files { try scratch.write("plugins.d/\(name).toml", text) }
    return try PluginSet.load(directory: scratch.file("plugins.d"), available: available, context: testContext(scratch))
}

func testContext(_ scratch: Scratch) -> PluginContext {
    PluginContext(stateDirectory: scratch.file("var"), baseDirectory: scratch.path, segmentNames: ["Low", "High"])
}

/// Row counts and plugin outcomes of one `scoreThrough`.
struct ThroughSummary {
    var rowsRead: Int
    var rowsScored: Int
    var rowsRejected: Int
    var plugins: [PluginOutcome]
}

/// Scores `input` (a file in `scratch`) with `SignScorer` through `plugins`, on the host's one path (`PluginRun`
/// and `PluginStage` around `FileScorer`); outputs are `out.<ext>` and `out.rejects.csv`, artifacts `out.<suffix>`.
@discardableResult
func scoreThrough(
    _ plugins: [ScoringPlugin], input: String, in scratch: Scratch, options: ScoreOptions = ScoreOptions(),
    trial: Bool = false, pluginsDirectory: String = "etc/plugins.d"
) throws -> ThroughSummary {
    let format = input.hasSuffix(".csv") ? "csv" : "jsonl"
    let path = scratch.file(input)
    let scorer = SignScorer()
    let run = PluginRun(
        plugins: plugins, file: PluginFile(name: input, sha256: "abc123", modelVersion: "sign-1", isTrial: trial),
        path: path)
    let outcome = try run.run(
        stage: { file in
            PluginStage(
                plugins: plugins, file: file, format: ScoringHost.format(of: path), segmentNames: scorer.segmentNames,
                inputColumns: scorer.inputColumns, path: path, pluginsDirectory: pluginsDirectory)
        },
        artifacts: { ArtifactFileWriter(path: { scratch.file("out.\($0)") }) },
        digestAfterReading: { "abc123" },
        pass: { stage, _ in
            try FileScorer.score(
                input: path, output: scratch.file("out.\(format)"), rejects: scratch.file("out.rejects.csv"),
                scorer: scorer, options: options, progress: nil, stage: stage)
        })
    _ = try outcome.artifacts?.close()
    let summary = outcome.summary
    return ThroughSummary(
        rowsRead: summary.rowsRead, rowsScored: summary.rowsScored, rowsRejected: summary.rowsRejected,
        plugins: outcome.plugins)
}
