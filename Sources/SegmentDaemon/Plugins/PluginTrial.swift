import Foundation
import Glibc
public import Logging
import SegmentIO
public import SegmentPlugin
import SegmentSupport

/// `segmentd run --test FILE`: scores one file through the enabled plugins, as the daemon would, and hands the
/// enriched rows and the rejects back as bytes. Nothing of the daemon's state changes: no inbox, outbox, ledger or
/// artifact is written, and the plugins' sessions are told it is a trial.
public enum PluginTrial {
    /// What a trial produced.
    public struct Result: Sendable {
        /// The scored file's bytes (CSV with header, or JSONL).
        public var scored: [UInt8]
        /// The rejects file's bytes (CSV with header `line,column,reason,record`).
        public var rejects: [UInt8]
        /// Row counts.
        public var counts: ProcessedCounts
        /// Artifact lines the plugins produced (and the trial dropped), by suffix.
        public var artifactLines: [String: Int]
    }

    /// Scores `input` with the configuration's model and plugins (of `available`).
    /// - Throws: the model's or plugins' configuration errors, or the scorer's whole-file error.
    public static func run(
        input: String, configuration: DaemonConfiguration, available: [any ActionPlugin.Type],
        logger: Logger
    ) throws -> Result {
        let processor = try ModelFileProcessor(
            configuration: configuration, availablePlugins: available, logger: logger)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "segmentd-trial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let format = OutputNames.Format(inputName: Path.split(input).name)
        let output = directory.appendingPathComponent("trial.\(format.rawValue)").path
        let rejects = directory.appendingPathComponent("trial.rejects.csv").path
        let artifacts = DiscardingArtifactWriter()
        let file = PluginFile(
            name: Path.split(input).name, sha256: try sha256(of: input),
            modelVersion: processor.modelVersion, isTrial: true)
        let summary = try processor.score(
            input: input, output: output, rejects: rejects,
            plugins: PluginScoring(
                plugins: processor.plugins.scoringPlugins, file: file,
                artifacts: artifacts))
        return Result(
            scored: try read(output), rejects: try read(rejects),
            counts: ProcessedCounts(
                rowsRead: summary.rowsRead, rowsScored: summary.rowsScored,
                rowsRejected: summary.rowsRejected),
            artifactLines: artifacts.lineCounts)
    }

    private static func sha256(of path: String) throws -> String {
        try ContentDigest(path: path).sha256
    }

    private static func read(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
