/// A strict reader of one JSON text held in bytes, enough for flat answer objects: strings, numbers, booleans and
/// null are read as ``Scalar``s; arrays and objects nested in a value are checked and skipped.
struct JSONScanner {
    /// A value read by ``value()``.
    enum Scalar: Equatable {
        case string(String)
        case integer(Int)
        case number(Double)
        case boolean(Bool)
        case null
        /// An array or object, skipped; `kind` is "an array" or "an object".
        case composite(kind: String)
    }

    /// Where and why the text is not valid JSON.
    struct SyntaxError: Error {
        let problem: String
        let offset: Int
    }

    /// Deepest nesting of arrays and objects accepted, which bounds the recursion.
    static let maxDepth = 64

    private let bytes: [UInt8]
    private(set) var offset = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next byte after white space, without consuming it; nil at the end.
    mutating func peek() -> UInt8? {
        while offset < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset]) { offset += 1 }
        return offset < bytes.count ? bytes[offset] : nil
    }

    /// Consumes `byte` (after white space) or throws.
    mutating func expect(_ byte: UInt8) throws(SyntaxError) {
        guard peek() == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    /// Consumes `byte` (after white space) when it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        offset += 1
        return true
    }

    /// Reads one value.
    mutating func value() throws(SyntaxError) -> Scalar {
        switch peek() {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let kind = bytes[offset] == UInt8(ascii: "{") ? "an object" : "an array"
            try skipComposite()
            return .composite(kind: kind)
        case UInt8(ascii: "t"): try literal("true"); return .boolean(true)
        case UInt8(ascii: "f"): try literal("false"); return .boolean(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case .some(let byte) where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            return try number()
        default: throw failure("expected a value")
        }
    }

    /// Reads one string, decoding its escapes.
    mutating func string() throws(SyntaxError) -> String {
        try expect(UInt8(ascii: "\""))
        var text: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"): try escape(into: &text)
            case ..<0x20: throw failure("control character in a string")
            default: text.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    /// A syntax error at the current offset.
    func failure(_ problem: String) -> SyntaxError {
        SyntaxError(problem: problem, offset: offset)
    }

    private mutating func escape(into text: inout [UInt8]) throws(SyntaxError) {
        guard offset < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hexQuad()
            if (0xD800..<0xDC00).contains(code), bytes[offset...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
            {
                offset += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("invalid surrogate pair") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            text.append(contentsOf: Array(String(scalar).utf8))
        default: throw failure("invalid escape")
        }
    }

    private mutating func hexQuad() throws(SyntaxError) -> UInt32 {
        guard offset + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else {
            throw failure("invalid \\u escape")
        }
        offset += 4
        return code
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes[offset...].starts(with: expected) else { throw failure("invalid literal") }
        offset += expected.count
    }

    private mutating func number() throws(SyntaxError) -> Scalar {
        let begin = offset
        var isInteger = true
        _ = consume(UInt8(ascii: "-"))
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else {
            try digits()
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            isInteger = false
            try digits()
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            isInteger = false
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") {
                offset += 1
            }
            try digits()
        }
        let text = String(decoding: bytes[begin..<offset], as: UTF8.self)
        if isInteger, let integer = Int(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { throw failure("number out of range") }
        return .number(number)
    }

    private mutating func digits() throws(SyntaxError) {
        let begin = offset
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
        if offset == begin { throw failure("expected a digit") }
    }

    /// Skips an array or object, checking its syntax.
    private mutating func skipComposite() throws(SyntaxError) {
        guard depth < Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        depth += 1
        defer { depth -= 1 }
        let isObject = bytes[offset] == UInt8(ascii: "{")
        let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
        offset += 1
        if consume(close) { return }
        repeat {
            if isObject {
                _ = try string()
                try expect(UInt8(ascii: ":"))
            }
            _ = try value()
        } while consume(UInt8(ascii: ","))
        try expect(close)
    }
}
