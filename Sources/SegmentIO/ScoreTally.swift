import SegmentCore

/// What the rows of one file were assigned, counted while they are scored, for the daemon's metrics
/// (`segmentd_segment_rows_total`, `segmentd_low_confidence_rows_total`, `segmentd_confidence`).
///
/// Counting costs a few integer increments per row in the scoring loop: each piece counts into its own small arrays
/// (no lock, no shared cache line), the pieces are added up per chunk like the imputed counts, and the whole file is
/// recorded once at its end. Recording every row through a metrics library would take a lock per row.
package struct ScoreTally: Sendable, Equatable {
    /// Upper bounds of the confidence bins (Prometheus `le`): bin `i` counts confidences in
    /// (`bounds[i - 1]`, `bounds[i]`], bin 0 everything up to 0.1, and one more bin anything above 1 (never, a
    /// confidence is in [0, 1]) or not a number.
    package static let confidenceBounds: [Double] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]

    /// Rows scored per segment id (the model's segments, in id order).
    package var segmentRows: [Int]
    /// Rows per confidence bin: `confidenceBounds.count + 1` entries, not cumulative.
    package var confidenceCounts: [Int]
    /// Sum of the confidences of the rows counted.
    package var confidenceSum: Double
    /// Rows whose confidence is below ``lowConfidenceThreshold``.
    package var lowConfidenceRows: Int
    /// The threshold `lowConfidenceRows` was counted with.
    package var lowConfidenceThreshold: Double

    /// An empty tally for a model with `segments` segments.
    package init(segments: Int, lowConfidenceThreshold: Double = ScoreOptions.defaultLowConfidenceThreshold) {
        segmentRows = Array(repeating: 0, count: max(segments, 0))
        confidenceCounts = Array(repeating: 0, count: Self.confidenceBounds.count + 1)
        confidenceSum = 0
        lowConfidenceRows = 0
        self.lowConfidenceThreshold = lowConfidenceThreshold
    }

    /// Rows counted (every scored row lands in exactly one confidence bin).
    package var rows: Int { confidenceCounts.reduce(0, +) }

    /// The bin of `confidence`: the first bound it does not exceed; the last bin for above 1 or NaN. Computed from the
    /// tenths digit, then corrected by one comparison where rounding put a value exactly on a bound in the next bin.
    @inline(__always)
    static func bin(_ confidence: Double) -> Int {
        guard confidence > 0.1 else { return confidence.isNaN ? confidenceBounds.count : 0 }
        guard confidence <= 1 else { return confidenceBounds.count }
        var index = Int((confidence * 10).rounded(.up)) - 1
        if confidence <= confidenceBounds[index - 1] {
            index -= 1
        } else if confidence > confidenceBounds[index] {
            index += 1
        }
        return index
    }
}

/// One piece's counts, reused from chunk to chunk (the scoring loop's half of ``ScoreTally``).
final class PieceTally: @unchecked Sendable {
    let segmentRows: UnsafeMutableBufferPointer<Int>
    let confidenceCounts: UnsafeMutableBufferPointer<Int>
    var confidenceSum = 0.0
    var lowConfidenceRows = 0

    init(segments: Int) {
        segmentRows = .allocate(capacity: max(segments, 1))
        segmentRows.initialize(repeating: 0)
        confidenceCounts = .allocate(capacity: ScoreTally.confidenceBounds.count + 1)
        confidenceCounts.initialize(repeating: 0)
    }

    deinit {
        segmentRows.deallocate()
        confidenceCounts.deallocate()
    }

    /// Adds these counts to `tally` and starts again from zero.
    func drain(into tally: inout ScoreTally) {
        for index in tally.segmentRows.indices {
            tally.segmentRows[index] += segmentRows[index]
            segmentRows[index] = 0
        }
        for index in tally.confidenceCounts.indices {
            tally.confidenceCounts[index] += confidenceCounts[index]
            confidenceCounts[index] = 0
        }
        tally.confidenceSum += confidenceSum
        tally.lowConfidenceRows += lowConfidenceRows
        confidenceSum = 0
        lowConfidenceRows = 0
    }
}

/// What a scoring sink counts for one row; kept in the sink (a local of the parse loop) and stored into the piece's
/// ``PieceTally`` after the piece is parsed.
struct RowTally {
    let segmentRows: UnsafeMutableBufferPointer<Int>
    let confidenceCounts: UnsafeMutableBufferPointer<Int>
    let threshold: Double
    var confidenceSum = 0.0
    var lowConfidenceRows = 0

    init(_ piece: PieceTally, threshold: Double) {
        segmentRows = piece.segmentRows
        confidenceCounts = piece.confidenceCounts
        self.threshold = threshold
    }

    @inline(__always)
    mutating func count(_ assignment: Assignment) {
        if UInt(bitPattern: assignment.segment) < UInt(segmentRows.count) { segmentRows[assignment.segment] += 1 }
        let confidence = assignment.confidence
        confidenceCounts[ScoreTally.bin(confidence)] += 1
        confidenceSum += confidence
        if confidence < threshold { lowConfidenceRows += 1 }
    }

    /// Adds the row counts of this parse to the piece's.
    func store(into piece: PieceTally) {
        piece.confidenceSum += confidenceSum
        piece.lowConfidenceRows += lowConfidenceRows
    }
}
