import SegmentIO
import SegmentPlugin

/// The one path by which rows meet the plugins, behind both doors of the host (a file stream, rows held in memory):
/// open the sessions, run one pass of rows through them, tell them the content's digest when they were opened
/// without it, and finish them. When a session answers that it needed the digest from the start
/// (`ContentIdentification.needsContentFirst`), every session is cancelled and the pass runs once more with the
/// digest known: this is the host's one rescore loop, so no error code carries that decision any more.
struct PluginRun {
    /// The enabled plugins, in order; empty runs the pass without a stage.
    let plugins: [ScoringPlugin]
    /// The input as the sessions are told about it; `sha256` nil when the digest is learnt while reading.
    let file: PluginFile
    /// Names the input in errors.
    let path: String

    /// What the run produced: the last pass's summary, what each plugin did, and the artifact writer the finished
    /// sessions wrote to (nil without plugins).
    struct Outcome<Summary, Writer> {
        var summary: Summary
        var plugins: [PluginOutcome]
        var artifacts: Writer?
    }

    /// Runs `pass` (once, or twice when a session needs the content first) and finishes the sessions.
    /// - Parameters:
    ///   - stage: makes the stage of one pass for the file as the sessions see it; `pass` opens it.
    ///   - artifacts: makes the artifact writer of one pass; a rerun gets a new one, so nothing of the first pass
    ///     is kept.
    ///   - digestAfterReading: the content's SHA-256 once the first pass read it all, asked only when `file.sha256`
    ///     is nil; it may throw to stop the file before any plugin finishes (the daemon's content claim).
    ///   - pass: scores the rows through the stage (nil without plugins); `isFirst` is false on the rerun.
    ///   - publishes: whether the caller will publish a file with this summary; when not, the sessions are
    ///     cancelled instead of finished (no state committed, no artifact, no plugin outcome).
    func run<Summary, Writer: PluginArtifactWriter>(
        stage: (PluginFile) -> PluginStage,
        artifacts: () -> Writer,
        digestAfterReading: () throws -> String,
        pass: (_ stage: PluginStage?, _ isFirst: Bool) throws -> Summary,
        publishes: (Summary) -> Bool = { _ in true }
    ) throws -> Outcome<Summary, Writer> {
        guard !plugins.isEmpty else {
            return Outcome(summary: try pass(nil, true), plugins: [], artifacts: nil)
        }
        var file = self.file
        var isFirst = true
        while true {
            let current = stage(file)
            defer { current.cancel() }
            let summary = try pass(current, isFirst)
            if file.sha256 == nil {
                let sha256 = try digest(digestAfterReading)
                if try current.identify(sha256: sha256) == .needsContentFirst {
                    current.cancel()
                    file = PluginFile(
                        name: file.name, sha256: sha256, modelVersion: file.modelVersion,
                        modelLineage: file.modelLineage, isTrial: file.isTrial)
                    isFirst = false
                    continue
                }
            }
            guard publishes(summary) else {
                current.cancel()
                return Outcome(summary: summary, plugins: [], artifacts: nil)
            }
            let writer = artifacts()
            let outcomes = try current.finish(artifacts: writer)
            return Outcome(summary: summary, plugins: outcomes, artifacts: writer)
        }
    }

    /// The digest of the input read, for sessions opened without it; a throw stops the file.
    private func digest(_ digestAfterReading: () throws -> String) throws(RecordError) -> String {
        do {
            return try digestAfterReading()
        } catch {
            throw RecordError(
                .stoppedByCaller, path: path,
                "Scoring \(path) was stopped after reading it, before the plugins finished: \(error)")
        }
    }
}
