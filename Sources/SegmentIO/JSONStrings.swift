/// Scanning and unescaping of JSON strings and checking of other JSON values, within one line.
///
/// Everything a line holds is checked against RFC 8259, skipped values included, because a scored line copies the
/// object as it came: strings must be UTF-8 without raw control characters, with valid escapes and no lone
/// surrogate; numbers must be JSON numbers; nested objects and arrays must be well formed.
enum JSONStrings {
    /// A string's content range (between the quotes) and the offset after its closing quote.
    struct Scanned {
        var content: Range<Int>
        var next: Int
        var hasEscapes: Bool
    }

    /// What is wrong with a value and the offset where it was found.
    struct Fault: Error {
        var problem: JSONProblem
        var offset: Int
    }

    /// Scans and checks the string whose opening quote is at `start`.
    static func scan(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(Fault) -> Scanned {
        var index = start + 1
        var hasEscapes = false
        while index < end {
            // Eight plain bytes at a time (no quote, backslash, control character or non-ASCII byte): the same
            // answer as one at a time, which decides every byte that is not plain.
            while index + 8 <= end && isPlain(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                index += 8
            }
            guard index < end else { break }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                return Scanned(content: (start + 1)..<index, next: index + 1, hasEscapes: hasEscapes)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index = try escapeEnd(base, index, end)
            } else if byte < 0x20 {
                throw Fault(problem: .controlCharacter, offset: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                guard let next = UTF8Validation.sequenceEnd(base, index, end) else {
                    throw Fault(problem: .invalidUTF8, offset: index)
                }
                index = next
            }
        }
        throw Fault(problem: .unterminatedString, offset: start)
    }

    /// Whether none of the eight bytes of `word` is a quote, a backslash, below 0x20 or above 0x7F.
    @inline(__always)
    private static func isPlain(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        // A zero byte in `quotes` or `backslashes`, or a byte below 0x20 in `word` (exact for "any", the classic
        // test), or a high bit set.
        let special =
            ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes) | ((word &- ones &* 0x20) & ~word)
            | word
        return special & highs == 0
    }

    /// Offset after the escape whose backslash is at `index`; a `\u` high surrogate must be followed by a `\u`
    /// low surrogate, and a low surrogate may not stand alone.
    private static func escapeEnd(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) throws(Fault) -> Int {
        guard index + 1 < end else { throw Fault(problem: .unterminatedString, offset: index) }
        switch base[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
            UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            guard let unit = hex4(base, index + 2, end) else { throw Fault(problem: .badEscape, offset: index) }
            switch unit {
            case 0xD800..<0xDC00:
                guard index + 12 <= end, base[index + 6] == UInt8(ascii: "\\"), base[index + 7] == UInt8(ascii: "u"),
                    let low = hex4(base, index + 8, end), (0xDC00..<0xE000).contains(low)
                else { throw Fault(problem: .loneSurrogate, offset: index) }
                return index + 12
            case 0xDC00..<0xE000:
                throw Fault(problem: .loneSurrogate, offset: index)
            default:
                return index + 6
            }
        default:
            throw Fault(problem: .badEscape, offset: index)
        }
    }

    /// The text of a string `scan` accepted: the bytes in place, or unescaped into `scratch`.
    static func text(_ base: UnsafePointer<UInt8>, _ string: Scanned, scratch: ByteBuffer) -> UnsafeRawBufferPointer {
        guard string.hasEscapes else {
            return UnsafeRawBufferPointer(start: base + string.content.lowerBound, count: string.content.count)
        }
        scratch.count = 0
        var index = string.content.lowerBound
        let end = string.content.upperBound
        while index < end {
            let byte = base[index]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                index += 1
                continue
            }
            let escaped = base[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                // `scan` checked the digits and that a high surrogate is followed by a low one.
                let unit = hex4(base, index, end) ?? 0xFFFD
                index += 4
                var value = UInt32(unit)
                if (0xD800..<0xDC00).contains(unit), let low = hex4(base, index + 2, end) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    index += 6
                }
                for unit in (Unicode.Scalar(value) ?? "\u{FFFD}").utf8 { scratch.append(unit) }
            default:
                scratch.append(escaped)
            }
        }
        return scratch.bytes
    }

    /// Checks the value that starts at `start` and is not a string (strings go through `scan`): a literal, a
    /// number, or a nested object or array checked whole. Returns the offset after it.
    static func skipValue(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(Fault) -> Int {
        /// Open containers, innermost last: `true` for an object.
        var open: [Bool] = []
        var index = start
        while true {
            // A value is expected at `index`.
            index = skipSpaces(base, index, end)
            guard index < end else { throw Fault(problem: .badValue, offset: index) }
            switch base[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = base[index] == UInt8(ascii: "{")
                index = skipSpaces(base, index + 1, end)
                if index < end && base[index] == UInt8(ascii: isObject ? "}" : "]") {
                    index += 1
                } else {
                    open.append(isObject)
                    if isObject { index = try keyAndColon(base, index, end) }
                    continue
                }
            case UInt8(ascii: "\""):
                index = try scan(base, index, end).next
            default:
                index = try tokenEnd(checking: base, index, end)
            }
            // A value ended: close what it ends, or go on to the next member or element.
            while let isObject = open.last {
                index = skipSpaces(base, index, end)
                guard index < end else { throw Fault(problem: .expectedCommaOrBrace, offset: index) }
                if base[index] == UInt8(ascii: isObject ? "}" : "]") {
                    open.removeLast()
                    index += 1
                    continue
                }
                guard base[index] == UInt8(ascii: ",") else {
                    throw Fault(problem: .expectedCommaOrBrace, offset: index)
                }
                index += 1
                if isObject { index = try keyAndColon(base, skipSpaces(base, index, end), end) }
                break
            }
            if open.isEmpty { return index }
        }
    }

    /// Checks a member's key at `start` and the colon after it; returns the offset after the colon.
    private static func keyAndColon(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(Fault) -> Int {
        guard start < end, base[start] == UInt8(ascii: "\"") else {
            throw Fault(problem: .expectedKey, offset: start)
        }
        let index = skipSpaces(base, try scan(base, start, end).next, end)
        guard index < end, base[index] == UInt8(ascii: ":") else { throw Fault(problem: .expectedColon, offset: index) }
        return index + 1
    }

    /// Offset after the literal (`true`, `false`, `null`) or JSON number at `start`, which must run up to a
    /// delimiter (space, tab, CR, `,`, `}`, `]`) or `end`. Anything starting like a number (a digit, `-`, `+` or
    /// `.`) that is not a JSON number is `.badNumber`; any other token is `.badValue`.
    static func tokenEnd(checking base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) throws(Fault) -> Int {
        let next = tokenEnd(base, start, end)
        let token = UnsafeRawBufferPointer(start: base + start, count: next - start)
        switch token.first ?? 0 {
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard JSONNumber.isValid(token) else { throw Fault(problem: .badNumber, offset: start) }
        default:
            guard
                token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8)
                    || token.elementsEqual("null".utf8)
            else { throw Fault(problem: .badValue, offset: start) }
        }
        return next
    }

    /// Offset of the first delimiter (space, tab, CR, `,`, `}`, `]`) at or after `start`, or `end`.
    static func tokenEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end {
            switch base[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ","), UInt8(ascii: "}"),
                UInt8(ascii: "]"):
                return index
            default:
                index += 1
            }
        }
        return end
    }

    /// Offset of the first byte at or after `start` that is not a space, tab or CR (a line holds no line feed).
    @inline(__always)
    static func skipSpaces(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end {
            let byte = base[index]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") else { break }
            index += 1
        }
        return index
    }

    private static func hex4(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt16? {
        guard start + 4 <= end else { return nil }
        var value: UInt16 = 0
        for index in start..<(start + 4) {
            let byte = base[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}

/// The JSON number grammar (RFC 8259): `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
enum JSONNumber {
    /// Whether the whole of `token` is a JSON number.
    static func isValid(_ token: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        let count = token.count
        @inline(__always) func isDigit(_ at: Int) -> Bool {
            at < count && token[at] >= UInt8(ascii: "0") && token[at] <= UInt8(ascii: "9")
        }
        @inline(__always) func digits() -> Bool {
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
            return true
        }
        if index < count && token[index] == UInt8(ascii: "-") { index += 1 }
        if index < count && token[index] == UInt8(ascii: "0") {
            index += 1
        } else if !digits() {
            return false
        }
        if index < count && token[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return false }
        }
        if index < count && (token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E")) {
            index += 1
            if index < count && (token[index] == UInt8(ascii: "+") || token[index] == UInt8(ascii: "-")) { index += 1 }
            guard digits() else { return false }
        }
        return index == count
    }
}
