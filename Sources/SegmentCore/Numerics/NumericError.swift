package import SegmentSupport

/// Why a numeric kernel (PCA, k-means) refused its input.
///
/// `message` says what is wrong, where, and how to fix it; `code` lets callers branch on the kind of
/// problem; `row` and `column` locate an offending value in the input matrix when there is one.
package struct NumericError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case tooFewRows, noColumns, nonFiniteValue, valueTooLarge, invalidComponentSelection
            case constantData, lapackFailure, invalidClusterCount, invalidOption
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The input has fewer rows than the computation needs.
        package static let tooFewRows = Code(.tooFewRows)
        /// The input has no columns.
        package static let noColumns = Code(.noColumns)
        /// The input holds NaN or an infinity.
        package static let nonFiniteValue = Code(.nonFiniteValue)
        /// The input's values are so large that sums over them overflow.
        package static let valueTooLarge = Code(.valueTooLarge)
        /// A PCA component count or variance share is out of range.
        package static let invalidComponentSelection = Code(.invalidComponentSelection)
        /// Every column is constant, so there is no variance to analyse.
        package static let constantData = Code(.constantData)
        /// A LAPACK routine reported failure.
        package static let lapackFailure = Code(.lapackFailure)
        /// The number of clusters is not between 1 and the number of rows.
        package static let invalidClusterCount = Code(.invalidClusterCount)
        /// An option is out of its valid range.
        package static let invalidOption = Code(.invalidOption)

        /// The name of the kind, e.g. `nonFiniteValue`.
        package var description: String { String(describing: value) }
    }

    /// The kind of problem.
    package let code: Code
    /// What is wrong, where, and how to fix it.
    package let message: String
    /// Zero-based row of the offending value in the input matrix, when one is to blame.
    package let row: Int?
    /// Zero-based column of the offending value in the input matrix, when one is to blame.
    package let column: Int?

    init(code: Code, message: String, row: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.row = row
        self.column = column
    }

    /// The message.
    package var description: String { message }
}

extension NumericError {
    static func tooFewRows(_ operation: String, found: Int, needed: Int) -> NumericError {
        NumericError(
            code: .tooFewRows,
            message: "\(operation) needs at least \(needed) rows but got \(found); supply more data rows"
        )
    }

    static func noColumns(_ operation: String) -> NumericError {
        NumericError(
            code: .noColumns, message: "\(operation) got a matrix with no columns; supply at least one feature"
        )
    }

    static func nonFinite(_ operation: String, value: Double, row: Int, column: Int) -> NumericError {
        NumericError(
            code: .nonFiniteValue,
            message: "\(operation) found \(value) at row \(row), column \(column) (zero-based); "
                + "impute or drop missing and infinite values before this step",
            row: row,
            column: column
        )
    }

    static func valueTooLarge(_ operation: String) -> NumericError {
        NumericError(
            code: .valueTooLarge,
            message: "\(operation) overflowed while summing the input; its values are too large "
                + "(near ±1.8e308), scale or transform them first"
        )
    }

    static func lapackFailure(_ function: String, info: Int32) -> NumericError {
        let detail =
            info < 0
            ? "argument \(-info) was invalid (a bug in segmentd, please report it)"
            : "the algorithm failed to converge (info = \(info)); check the input for extreme values"
        return NumericError(code: .lapackFailure, message: "LAPACK \(function) failed: \(detail)")
    }

    static func invalidOption(_ name: String, value: String, expected: String) -> NumericError {
        NumericError(code: .invalidOption, message: "Option \(name) is \(value) but must be \(expected)")
    }
}

extension NumericError: ExitStatusClassified {
    package var exitStatus: ExitStatus { code.exitStatus }
}

extension NumericError.Code {
    /// Values the computation cannot use are bad input data (`EX_DATAERR`); options and feature selections come from
    /// the pipeline spec (`EX_CONFIG`); a cluster count is an argument (`EX_USAGE`).
    var exitStatus: ExitStatus {
        switch value {
        case .tooFewRows, .nonFiniteValue, .valueTooLarge, .constantData, .lapackFailure: .dataError
        case .noColumns, .invalidComponentSelection, .invalidOption: .configuration
        case .invalidClusterCount: .usage
        }
    }
}
