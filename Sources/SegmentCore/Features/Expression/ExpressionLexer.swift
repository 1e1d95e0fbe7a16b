/// Why an expression failed to parse or type-check, with the 0-based UTF-8 offset of the culprit.
struct ExpressionError: Error {
    var code: ConfigError.Code
    var offset: Int
    var problem: String
    var fix: String
}

/// One lexical token of an expression.
struct ExpressionToken: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case name(String)
        case plus, minus, star, slash
        case leftParen, rightParen, comma
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case and, or, not
        case end
    }

    var kind: Kind
    /// 0-based UTF-8 offset of the token's first byte.
    var offset: Int
}

/// Splits expression text into tokens. Names are ASCII identifiers or any text in backticks
/// (for columns such as `` `Total Spend` ``); `and`, `or` and `not` are keywords.
struct ExpressionLexer {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    static func tokens(of text: String) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(text)
        var result: [ExpressionToken] = []
        while true {
            let token = try lexer.next()
            result.append(token)
            if token.kind == .end { return result }
        }
    }

    private mutating func next() throws(ExpressionError) -> ExpressionToken {
        while position < bytes.count,
            bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t")
                || bytes[position] == UInt8(ascii: "\n") || bytes[position] == UInt8(ascii: "\r")
        {
            position += 1
        }
        let start = position
        guard position < bytes.count else { return ExpressionToken(kind: .end, offset: start) }
        let byte = bytes[position]
        if Self.isDigit(byte)
            || (byte == UInt8(ascii: ".") && position + 1 < bytes.count && Self.isDigit(bytes[position + 1]))
        {
            return ExpressionToken(kind: .number(try number()), offset: start)
        }
        if Self.isNameStart(byte) {
            while position < bytes.count, Self.isNameStart(bytes[position]) || Self.isDigit(bytes[position]) {
                position += 1
            }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            let kind: ExpressionToken.Kind =
                switch word {
                case "and": .and
                case "or": .or
                case "not": .not
                default: .name(word)
                }
            return ExpressionToken(kind: kind, offset: start)
        }
        if byte == UInt8(ascii: "`") {
            guard let close = bytes[(start + 1)...].firstIndex(of: UInt8(ascii: "`")), close > start + 1 else {
                throw ExpressionError(
                    code: .expressionSyntax, offset: start, problem: "unterminated or empty `quoted name`",
                    fix: "close the name with a backtick, e.g. `Total Spend`")
            }
            position = close + 1
            return ExpressionToken(
                kind: .name(String(decoding: bytes[(start + 1)..<close], as: UTF8.self)), offset: start)
        }
        return ExpressionToken(kind: try symbol(byte, at: start), offset: start)
    }

    private mutating func symbol(_ byte: UInt8, at start: Int) throws(ExpressionError) -> ExpressionToken.Kind {
        let comparisonStarts: [UInt8] = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!")]
        let pairedWithEquals =
            start + 1 < bytes.count && bytes[start + 1] == UInt8(ascii: "=")
            && comparisonStarts.contains(byte)
        position += pairedWithEquals ? 2 : 1
        switch byte {
        case UInt8(ascii: "+"): return .plus
        case UInt8(ascii: "-"): return .minus
        case UInt8(ascii: "*"): return .star
        case UInt8(ascii: "/"): return .slash
        case UInt8(ascii: "("): return .leftParen
        case UInt8(ascii: ")"): return .rightParen
        case UInt8(ascii: ","): return .comma
        case UInt8(ascii: "<"): return pairedWithEquals ? .lessEqual : .less
        case UInt8(ascii: ">"): return pairedWithEquals ? .greaterEqual : .greater
        case UInt8(ascii: "=") where pairedWithEquals: return .equal
        case UInt8(ascii: "!") where pairedWithEquals: return .notEqual
        case UInt8(ascii: "="):
            throw ExpressionError(
                code: .expressionSyntax, offset: start, problem: "'=' is not an operator", fix: "use '==' to compare")
        case UInt8(ascii: "!"):
            throw ExpressionError(
                code: .expressionSyntax, offset: start, problem: "'!' is not an operator",
                fix: "use 'not' to negate a condition or '!=' to compare")
        case UInt8(ascii: "&"), UInt8(ascii: "|"):
            throw ExpressionError(
                code: .expressionSyntax, offset: start,
                problem: "'\(Character(Unicode.Scalar(byte)))' is not an operator",
                fix: "use the words 'and' / 'or' to combine conditions")
        default:
            let character = String(decoding: bytes[start...].prefix(4), as: UTF8.self).first.map(String.init) ?? "?"
            throw ExpressionError(
                code: .expressionSyntax, offset: start, problem: "unexpected character '\(character)'",
                fix: "use numbers, column names, + - * / ( ), comparisons, and/or/not, and the functions "
                    + ExpressionFunction.allNames)
        }
    }

    /// Digits with an optional fraction and exponent: `12`, `0.5`, `.5`, `1e3`, `2.5E-4`.
    private mutating func number() throws(ExpressionError) -> Double {
        let start = position
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            let digitsStart = position
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
            if digitsStart == position { throw malformedNumber(from: start) }
        }
        if position < bytes.count, Self.isNameStart(bytes[position]) || bytes[position] == UInt8(ascii: ".") {
            throw malformedNumber(from: start)
        }
        guard let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)), value.isFinite else {
            throw malformedNumber(from: start)
        }
        return value
    }

    private func malformedNumber(from start: Int) -> ExpressionError {
        var end = position
        while end < bytes.count,
            Self.isNameStart(bytes[end]) || Self.isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".")
        {
            end += 1
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return ExpressionError(
            code: .expressionSyntax, offset: start, problem: "malformed number '\(text)'",
            fix: "write numbers like 12, 0.5 or 1e3; names cannot start with a digit (quote them in backticks)")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }
}
