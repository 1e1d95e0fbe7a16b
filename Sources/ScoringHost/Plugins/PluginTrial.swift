import Foundation
package import Logging
import SegmentIO
package import SegmentPlugin
import SegmentSupport

/// `segmentd run --test FILE`: scores one file through the enabled plugins, as the daemon would, and hands the
/// enriched rows and the rejects back as bytes. Nothing of the daemon's state changes: no inbox, outbox, ledger or
/// artifact is written, and the plugins' sessions are told it is a trial.
package enum PluginTrial {
    /// What a trial produced.
    package struct Result: Sendable {
        /// The scored file's bytes (CSV with header, or JSONL).
        package var scored: [UInt8]
        /// The rejects file's bytes (CSV with header `line,column,reason,record`).
        package var rejects: [UInt8]
        /// Data rows read, scored and rejected.
        package var rowsRead: Int
        package var rowsScored: Int
        package var rowsRejected: Int
        /// Artifact lines the plugins produced (and the trial dropped), by suffix.
        package var artifactLines: [String: Int]
    }

    /// Scores `input` with the configured model and plugins (of `available`).
    /// - Throws: the model's or plugins' configuration errors, or the scorer's whole-file error.
    package static func run(
        input: String, settings: HostSettings, available: [any ActionPlugin.Type], logger: Logger
    ) throws -> Result {
        try run(input: input, host: ScoringHost(settings: settings, availablePlugins: available, logger: logger))
    }

    /// Scores `input` through `host`'s file path, with the trial's sessions and a writer that drops artifacts.
    static func run(input: String, host: ScoringHost) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "segmentd-trial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = input.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? input
        let format = ScoringHost.format(of: name)
        let output = directory.appendingPathComponent("trial.\(format == .csv ? "csv" : "jsonl")").path
        let rejects = directory.appendingPathComponent("trial.rejects.csv").path
        let digest: String
        do {
            digest = try FileSHA256.digest(path: input).sha256
        } catch {
            throw JobError.missingInput(path: input)
        }
        let file = host.pluginFile(name: name, sha256: digest, isTrial: true)
        let outcome = try PluginRun(plugins: host.plugins.scoringPlugins, file: file, path: input).run(
            stage: { file in host.stage(file: file, format: format, path: input) },
            artifacts: { DiscardingArtifactWriter() },
            digestAfterReading: { file.sha256 ?? "" },
            pass: { stage, _ in
                try host.scoreFile(
                    input: input, output: output, rejects: rejects, options: ScoringHost.fileOptions, stage: stage)
            })
        let summary = outcome.summary
        return Result(
            scored: try read(output), rejects: try read(rejects), rowsRead: summary.rowsRead,
            rowsScored: summary.rowsScored, rowsRejected: summary.rowsRejected,
            artifactLines: outcome.artifacts?.lineCounts ?? [:])
    }

    private static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
