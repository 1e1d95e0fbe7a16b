package import SegmentSupport

/// Why training could not produce a model, with what to do about it.
package struct TrainingError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case tooFewRows
        case badSegmentCount
        case tooManySegments
        case numeric
        case previousModelMismatch
    }

    private let code: Code
    /// What went wrong and how to fix it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    static func tooFewRows(_ rows: Int, needed: Int) -> TrainingError {
        TrainingError(
            .tooFewRows,
            "training needs at least \(needed) valid rows, got \(rows). "
                + "Check the rejects for why rows were refused, or train on a larger file.")
    }

    static func badSegmentCount(_ k: Int, rows: Int) -> TrainingError {
        TrainingError(
            .badSegmentCount,
            "k = \(k) is not usable with \(rows) rows: k must be at least 2 and below the row count. "
                + "Pass --k with a value in that range, or --k auto.")
    }

    static func tooManySegments(_ k: Int, rows: Int) -> TrainingError {
        TrainingError(
            .tooManySegments,
            "k = \(k) is too many segments for \(rows) rows: segmentd allows at most one segment per "
                + "\(ModelTrainer.rowsPerSegment) rows and at most \(ModelTrainer.segmentLimit), so at most "
                + "\(ModelTrainer.maximumSegments(rows: rows)) here; more leave segments too small to profile and "
                + "name. Pass a smaller --k (or --k auto), or train on more rows.")
    }

    static func tooFewRowsForSearch(kMin: Int, rows: Int) -> TrainingError {
        TrainingError(
            .tooFewRows,
            "k = auto starts its search at k_min = \(kMin), but \(rows) rows allow a k of at most "
                + "\(ModelTrainer.maximumSegments(rows: rows)) (one segment per \(ModelTrainer.rowsPerSegment) rows). "
                + "Train on at least \(kMin * ModelTrainer.rowsPerSegment) rows, or lower [kmeans] k_min in the "
                + "pipeline file.")
    }

    static func numeric(_ detail: String) -> TrainingError {
        TrainingError(.numeric, "the numeric core failed: \(detail)")
    }

    static func previousModelMismatch(_ detail: String) -> TrainingError {
        TrainingError(
            .previousModelMismatch,
            "the --previous model cannot be matched to this one: \(detail). "
                + "Retrain without --previous, or pass a model trained with the same pipeline.")
    }
}

extension TrainingError: ExitStatusClassified {
    /// Too few rows or data the numeric core refuses is bad input data (`EX_DATAERR`); a segment count or a
    /// `--previous` model that does not fit the data is a wrong argument (`EX_USAGE`).
    package var exitStatus: ExitStatus {
        switch code {
        case .tooFewRows, .numeric: .dataError
        case .badSegmentCount, .tooManySegments, .previousModelMismatch: .usage
        }
    }
}
