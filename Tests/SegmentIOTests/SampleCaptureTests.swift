import Foundation
import SegmentCore
@testable import SegmentIO
import Testing

/// The scoring loop's sample for the reservoir: the rows with the smallest keys, as parsed, whatever the pieces.
@Suite("sample capture")
struct SampleCaptureTests {
    private let scorer = TwoPointScorer()

    /// Scores 5,000 rows (`a` = row number, `b` blank on every 7th row) in small chunks of many pieces.
    private func sample(_ capture: SampleCapture) throws -> CapturedSample {
        let directory = TemporaryDirectory()
        let rows = (0..<5000).map { "C\($0),\($0),\($0 % 7 == 0 ? "" : "1.5")\n" }.joined()
        var options = ScoreOptions(chunkBytes: 16_384, piecesPerChunk: 8)
        options.sampleCapture = capture
        let summary = try FileScorer.score(
            input: directory.file("in.csv", "id,a,b\n" + rows), output: directory.path("out.csv"),
            rejects: directory.path("rej.csv"), scorer: scorer, options: options)
        return try #require(summary.sample)
    }

    @Test("the sample is exactly the capacity smallest keys of the file, across pieces sharing one bound")
    func smallestKeys() throws {
        let all = try sample(SampleCapture(capacity: 10_000, seed: 42))
        #expect(all.count == 5000, "a capacity above the rows keeps every row")
        #expect(Set(all.values.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)).count == 5000)
        let small = try sample(SampleCapture(capacity: 50, seed: 42))
        #expect(small.keys == Array(all.keys.prefix(50)), "the same keys as the 50 smallest of the whole file")
        let same = zip(small.values, all.values.prefix(100)).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        #expect(small.values.count == 100 && same, "their rows")
        #expect(zip(small.keys, small.keys.dropFirst()).allSatisfy { $0 < $1 }, "ascending")
    }

    @Test("rows are kept as parsed: a blank stays NaN; a threshold keeps only keys below it")
    func parsedValuesAndThreshold() throws {
        let capped = try sample(SampleCapture(capacity: 10_000, threshold: 0.1, seed: 7))
        #expect(capped.keys.allSatisfy { $0 < 0.1 })
        #expect(capped.count > 350 && capped.count < 650, "about a tenth of 5,000: \(capped.count)")
        for row in 0..<capped.count {
            let a = capped.values[row * 2]
            let b = capped.values[row * 2 + 1]
            #expect(Int(a) % 7 == 0 ? b.isNaN : b == 1.5, "row \(a): b = \(b)")
        }
    }
}
