import Foundation
import ScoringHost
import SegmentIO
import SegmentSupport
import SegmentdTestSupport
import Testing

/// The `score` summary's seconds (and so its rows/s) cover the whole job when the output's format differs from the
/// input's: the conversion after scoring took up to nine tenths of the wall time and was left out of the figure.
@Suite("score summary time")
struct ScoreSummaryTimeTests {
    @Test("JSONL in, CSV out: the summary's seconds include the conversion, nearly all of the call's wall time")
    func conversionIsCounted() throws {
        let fixture = try ModelFixture.shared.get()
        let scratch = try Scratch()
        let model = ModelSource(fixture.modelPath, baseDirectory: "/")
        try GenerateJob.run(rows: 60_000, seed: 31, output: scratch.file("rows.csv"))
        _ = try ScoreJob.run(input: scratch.file("rows.csv"), output: scratch.file("rows.jsonl"), model: model)
        let started = ContinuousClock.now
        let summary = try ScoreJob.run(
            input: scratch.file("rows.jsonl"), output: scratch.file("back.csv"), model: model)
        let elapsed = ContinuousClock.now - started
        let wall = elapsed.inSeconds
        #expect(summary.rowsScored == 60_000)
        // Loading the model is the only work outside the summary; it takes milliseconds, the conversion about
        // five microseconds a row. Without the conversion counted the share was about 0.1.
        #expect(summary.seconds >= 0.7 * wall, "summary \(summary.seconds) s, call \(wall) s")
        #expect(summary.seconds <= wall)
    }
}
