/// The parsed form of an expression or condition; compile-time only (the hot path runs `FeatureProgram`).
indirect enum ExpressionSyntax: Equatable {
    enum BinaryOperator: String, Equatable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"
        case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
        case and, or

        var isArithmetic: Bool { [.add, .subtract, .multiply, .divide].contains(self) }
        var isLogical: Bool { self == .and || self == .or }
    }

    case number(Double, offset: Int)
    case name(String, offset: Int)
    case negate(ExpressionSyntax, offset: Int)
    case not(ExpressionSyntax, offset: Int)
    case binary(BinaryOperator, ExpressionSyntax, ExpressionSyntax, offset: Int)
    case call(String, [ExpressionSyntax], offset: Int)

    /// 0-based UTF-8 offset of the node's token (the operator for binary nodes).
    var offset: Int {
        switch self {
        case .number(_, let offset), .name(_, let offset), .negate(_, let offset), .not(_, let offset),
            .binary(_, _, _, let offset), .call(_, _, let offset):
            offset
        }
    }

    /// Offset of the node's leftmost token, for messages about a whole operand.
    var startOffset: Int {
        switch self {
        case .binary(_, let left, _, _): left.startOffset
        default: offset
        }
    }
}

/// The functions expressions may call.
enum ExpressionFunction: String, CaseIterable {
    case log1p, abs, min, max, clip

    /// Allowed argument counts.
    var arity: ClosedRange<Int> {
        switch self {
        case .log1p, .abs: 1...1
        case .min, .max: 2...Int.max
        case .clip: 3...3
        }
    }

    var signature: String {
        switch self {
        case .log1p: "log1p(x)"
        case .abs: "abs(x)"
        case .min: "min(a, b, …)"
        case .max: "max(a, b, …)"
        case .clip: "clip(x, lo, hi)"
        }
    }

    static var allNames: String {
        allCases.map(\.signature).joined(separator: ", ")
    }
}
