import SegmentCore
import Testing

@testable import SegmentIO

/// The scoring loop's per-row counting: bins with Prometheus `le` semantics, and the pieces' counts added up.
@Suite("Score tally")
struct TallyTests {
    @Test("a confidence on a bound counts in that bound's bin, just above it in the next; NaN and >1 in the last")
    func binsFollowLe() {
        let bounds = ScoreTally.confidenceBounds
        for (index, bound) in bounds.enumerated() {
            #expect(ScoreTally.bin(bound) == index, "\(bound)")
            #expect(ScoreTally.bin(bound.nextUp) == index + 1, "\(bound.nextUp)")
            #expect(ScoreTally.bin(bound.nextDown) == index, "\(bound.nextDown)")
        }
        #expect(ScoreTally.bin(0) == 0)
        #expect(ScoreTally.bin(-1) == 0)
        #expect(ScoreTally.bin(0.35) == 3)
        #expect(ScoreTally.bin(.nan) == bounds.count)
        #expect(ScoreTally.bin(1.5) == bounds.count)
    }

    @Test("rows counted per segment and bin, below the threshold, drained into the file's tally")
    func rowsAreCountedAndDrained() {
        let piece = PieceTally(segments: 3)
        var row = RowTally(piece, threshold: 0.5)
        let rows: [(Int, Double)] = [(0, 0.05), (1, 0.5), (1, 0.49), (2, 1.0), (7, 0.95)]
        for (segment, confidence) in rows {
            row.count(Assignment(segment: segment, confidence: confidence, distance: 1))
        }
        row.store(into: piece)
        var tally = ScoreTally(segments: 3, lowConfidenceThreshold: 0.5)
        piece.drain(into: &tally)
        #expect(tally.segmentRows == [1, 2, 1])
        #expect(tally.confidenceCounts == [1, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0])
        #expect(tally.lowConfidenceRows == 2)
        #expect(abs(tally.confidenceSum - 2.99) < 1e-12)
        #expect(tally.rows == 5)
        var again = ScoreTally(segments: 3)
        piece.drain(into: &again)
        #expect(again == ScoreTally(segments: 3), "draining leaves the piece at zero")
    }
}
