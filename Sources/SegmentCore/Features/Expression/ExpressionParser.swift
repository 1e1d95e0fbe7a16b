/// Recursive-descent parser for expressions and conditions.
///
/// Precedence, loosest first: `or`, `and`, `not`, comparisons (not chainable), `+ -`, `* /`, unary `-`/`+`,
/// then numbers, names, calls and parentheses. Numbers and conditions share one grammar; the compiler checks types.
struct ExpressionParser {
    private let tokens: [ExpressionToken]
    private var index = 0

    private init(tokens: [ExpressionToken]) {
        self.tokens = tokens
    }

    static func parse(_ text: String) throws(ExpressionError) -> ExpressionSyntax {
        var parser = ExpressionParser(tokens: try ExpressionLexer.tokens(of: text))
        if parser.current.kind == .end {
            throw ExpressionError(
                code: .expressionSyntax, offset: 0, problem: "the expression is empty",
                fix: "write an expression such as PURCHASES / TENURE")
        }
        let syntax = try parser.disjunction()
        guard parser.current.kind == .end else {
            throw ExpressionError(
                code: .expressionSyntax, offset: parser.current.offset,
                problem: "unexpected \(Self.describe(parser.current.kind)) after a complete expression",
                fix: "add an operator between the two parts, or remove the extra text")
        }
        return syntax
    }

    private var current: ExpressionToken { tokens[index] }

    private mutating func advance() -> ExpressionToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private mutating func disjunction() throws(ExpressionError) -> ExpressionSyntax {
        var left = try conjunction()
        while current.kind == .or {
            let op = advance()
            left = .binary(.or, left, try conjunction(), offset: op.offset)
        }
        return left
    }

    private mutating func conjunction() throws(ExpressionError) -> ExpressionSyntax {
        var left = try negation()
        while current.kind == .and {
            let op = advance()
            left = .binary(.and, left, try negation(), offset: op.offset)
        }
        return left
    }

    private mutating func negation() throws(ExpressionError) -> ExpressionSyntax {
        guard current.kind == .not else { return try comparison() }
        let op = advance()
        return .not(try negation(), offset: op.offset)
    }

    private mutating func comparison() throws(ExpressionError) -> ExpressionSyntax {
        let left = try additive()
        guard let op = Self.comparisonOperator(current.kind) else { return left }
        let opToken = advance()
        let syntax = ExpressionSyntax.binary(op, left, try additive(), offset: opToken.offset)
        if Self.comparisonOperator(current.kind) != nil {
            throw ExpressionError(
                code: .expressionSyntax, offset: current.offset, problem: "comparisons cannot be chained",
                fix: "combine them with 'and', e.g. 0 < X and X < 1")
        }
        return syntax
    }

    private mutating func additive() throws(ExpressionError) -> ExpressionSyntax {
        var left = try multiplicative()
        while current.kind == .plus || current.kind == .minus {
            let op = advance()
            left = .binary(op.kind == .plus ? .add : .subtract, left, try multiplicative(), offset: op.offset)
        }
        return left
    }

    private mutating func multiplicative() throws(ExpressionError) -> ExpressionSyntax {
        var left = try unary()
        while current.kind == .star || current.kind == .slash {
            let op = advance()
            left = .binary(op.kind == .star ? .multiply : .divide, left, try unary(), offset: op.offset)
        }
        return left
    }

    private mutating func unary() throws(ExpressionError) -> ExpressionSyntax {
        switch current.kind {
        case .minus:
            let op = advance()
            return .negate(try unary(), offset: op.offset)
        case .plus:
            _ = advance()
            return try unary()
        default:
            return try primary()
        }
    }

    private mutating func primary() throws(ExpressionError) -> ExpressionSyntax {
        let token = advance()
        switch token.kind {
        case .number(let value):
            return .number(value, offset: token.offset)
        case .name(let name):
            guard current.kind == .leftParen else { return .name(name, offset: token.offset) }
            return .call(name, try arguments(), offset: token.offset)
        case .leftParen:
            let inner = try disjunction()
            try expectClosingParenthesis(openedAt: token.offset)
            return inner
        default:
            throw ExpressionError(
                code: .expressionSyntax, offset: token.offset,
                problem: "expected a number, name, function call or '(' but found \(Self.describe(token.kind))",
                fix: "complete the expression; every operator needs an operand on each side")
        }
    }

    /// `( a, b, … )` after a function name.
    private mutating func arguments() throws(ExpressionError) -> [ExpressionSyntax] {
        let open = advance()
        var result: [ExpressionSyntax] = []
        if current.kind == .rightParen {
            _ = advance()
            return result
        }
        result.append(try disjunction())
        while current.kind == .comma {
            _ = advance()
            result.append(try disjunction())
        }
        try expectClosingParenthesis(openedAt: open.offset)
        return result
    }

    private mutating func expectClosingParenthesis(openedAt offset: Int) throws(ExpressionError) {
        guard current.kind == .rightParen else {
            throw ExpressionError(
                code: .expressionSyntax, offset: current.offset,
                problem:
                    "expected ')' to close the '(' at column \(offset + 1) but found \(Self.describe(current.kind))",
                fix: "add the missing ')' or an operator/comma between the parts")
        }
        _ = advance()
    }

    private static func comparisonOperator(_ kind: ExpressionToken.Kind) -> ExpressionSyntax.BinaryOperator? {
        switch kind {
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .equal: .equal
        case .notEqual: .notEqual
        default: nil
        }
    }

    static func describe(_ kind: ExpressionToken.Kind) -> String {
        switch kind {
        case .number(let value): "number \(value)"
        case .name(let name): "name '\(name)'"
        case .plus: "'+'"
        case .minus: "'-'"
        case .star: "'*'"
        case .slash: "'/'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .comma: "','"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .equal: "'=='"
        case .notEqual: "'!='"
        case .and: "'and'"
        case .or: "'or'"
        case .not: "'not'"
        case .end: "the end of the expression"
        }
    }
}
