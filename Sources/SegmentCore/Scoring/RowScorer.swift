/// The segment a scored row falls in, and how sure the model is of it.
package struct Assignment: Sendable, Equatable {
    /// Index of the nearest centroid, which is the segment id.
    package var segment: Int
    /// 1 − d1/d2, where d1 and d2 are the distances to the nearest and second-nearest centroids; in [0, 1].
    package var confidence: Double
    /// Euclidean distance to the nearest centroid (d1), in model space.
    package var distance: Double

    package init(segment: Int, confidence: Double, distance: Double) {
        self.segment = segment
        self.confidence = confidence
        self.distance = distance
    }
}

/// Anything that turns one row of raw numeric values into a segment assignment.
///
/// Record I/O drives a `RowScorer` from many threads at once; each thread passes its own scratch buffer,
/// so an implementation keeps no mutable state.
package protocol RowScorer: Sendable {
    /// Name of the column that identifies a customer; a row without it is rejected.
    var idColumn: String { get }
    /// Raw numeric columns the scorer reads, in the order `assign` receives their values.
    var inputColumns: [String] { get }
    /// Display name of every segment, indexed by segment id.
    var segmentNames: [String] { get }
    /// Version string written beside every scored row.
    var modelVersion: String { get }
    /// Number of `Double`s of per-thread workspace `assign` needs.
    var scratchCount: Int { get }

    /// Scores one row.
    /// - Parameters:
    ///   - values: one value per `inputColumns` entry, NaN where the input was blank or null. May be overwritten.
    ///   - scratch: at least `scratchCount` doubles of workspace owned by the calling thread.
    func assign(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Assignment

    /// The model's drift reference; nil when it has none (then nothing is counted for drift).
    var driftReference: DriftReference? { get }
    /// Number of `Int`s of per-thread drift counts `assign(_:scratch:driftCounts:)` adds to (0 without a reference).
    var driftCountCount: Int { get }

    /// Scores one row like `assign(_:scratch:)` and adds its raw and derived values to `driftCounts`
    /// (`driftCountCount` integers owned by the calling thread, laid out as ``DriftBinning`` counts them).
    func assign(
        _ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>,
        driftCounts: UnsafeMutablePointer<Int>
    ) -> Assignment
}

extension RowScorer {
    /// No drift reference: nothing to count.
    package var driftReference: DriftReference? { nil }

    package var driftCountCount: Int { 0 }

    package func assign(
        _ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>,
        driftCounts: UnsafeMutablePointer<Int>
    ) -> Assignment {
        assign(values, scratch: scratch)
    }
}
