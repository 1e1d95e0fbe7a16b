package import SegmentCore
package import SegmentIO
import Foundation
import SegmentSupport

/// Scores one file with a model file: `segmentd score`.
///
/// The output's name says its format (`.csv`, `.jsonl`/`.ndjson`), whatever the input's: another format than the
/// input's is converted after scoring (``RecordConverter``). `-` reads standard input or writes standard output, in
/// the stream format given, else CSV for standard input and the input's format for standard output.
package enum ScoreJob {
    /// The name that stands for standard input (as the input) or standard output (as the output).
    package static let standardStream = "-"

    /// The rejects file that goes with an output: `<dir>/<stem>.rejects.csv`.
    package static func rejectsPath(forOutput output: String) -> String {
        let url = URL(fileURLWithPath: output)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem).rejects.csv").path
    }

    /// Loads a model and compiles its scorer, throwing what is wrong with it.
    package static func checkModel(_ source: ModelSource) throws {
        _ = try SegmentScorer(model: try source.load())
    }

    /// Scores `input` into `output` (either may be `-`), rejects beside a file output or, for standard output, to
    /// standard error when a row was rejected.
    /// - Parameters:
    ///   - streamFormat: the format of standard input and output; nil means CSV for standard input and the input's
    ///     format for standard output.
    ///   - drift: compare the rows with the model's training data (``ScoreSummary/drift``).
    package static func run(
        input: String, output: String, model source: ModelSource, streamFormat: RecordFormat? = nil,
        drift: Bool = false,
        progress: (@Sendable (ScoreProgress) -> Void)? = nil
    ) throws -> ScoreSummary {
        try run(
            input: input, output: output, loaded: try source.load(), streamFormat: streamFormat, drift: drift,
            progress: progress)
    }

    /// Scores with a model the caller loaded, so what it prints about the model (segment names beside the drift
    /// report) is the model that scored, even when a registry alias moves meanwhile.
    package static func run(
        input: String, output: String, loaded model: SegmentModel, streamFormat: RecordFormat? = nil,
        drift: Bool = false,
        progress: (@Sendable (ScoreProgress) -> Void)? = nil
    ) throws -> ScoreSummary {
        let started = ContinuousClock.now
        let scorer = try SegmentScorer(model: model)
        var options = ScoreOptions()
        options.countsDrift = drift
        // O_DIRECT where the filesystem takes it: no new page-cache pages for the output (issue 19).
        options.directOutput = true
        let inputFormat = input == standardStream ? streamFormat ?? .csv : try RecordFormat(path: input)
        let outputFormat = output == standardStream ? streamFormat ?? inputFormat : try RecordFormat(path: output)
        let source = input == standardStream ? "/dev/stdin" : input
        if output != standardStream && outputFormat == inputFormat {
            return try FileScorer.score(
                input: source, output: output, rejects: rejectsPath(forOutput: output), scorer: scorer,
                options: options, progress: progress, inputFormat: inputFormat)
        }
        // Scored in the input's format into a scratch file first, then converted or copied to the output, which
        // is created before scoring so a place it cannot be written fails at once, naming it.
        let destination =
            output == standardStream ? RecordDestination.standardOutput : try RecordDestination(path: output)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "segmentd-score-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        } catch {
            throw JobError.unwritable(path: scratch.path, reason: error.localizedDescription)
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let scored = scratch.appendingPathComponent(inputFormat == .csv ? "scored.csv" : "scored.jsonl").path
        let rejects =
            output == standardStream
            ? scratch.appendingPathComponent("rejects.csv").path : rejectsPath(forOutput: output)
        var summary = try FileScorer.score(
            input: source, output: scored, rejects: rejects, scorer: scorer, options: options,
            progress: progress, inputFormat: inputFormat)
        try RecordConverter.convert(
            scored, from: inputFormat, to: outputFormat,
            textColumns: [scorer.idColumn, "segment_name", "model_version"], into: destination)
        if output == standardStream && summary.rowsRejected > 0 {
            try RecordConverter.copy(rejects, into: .standardError)
        }
        // The summary's seconds are the job's until its output is complete: the conversion can take longer than
        // the scoring (JSONL -> CSV about 4 us a row), and a summary without it overstated rows/s up to ninefold.
        let elapsed = ContinuousClock.now - started
        summary.seconds = elapsed.inSeconds
        return summary
    }
}
