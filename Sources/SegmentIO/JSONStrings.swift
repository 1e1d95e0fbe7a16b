/// Scanning and unescaping of JSON strings and skipping of JSON values, within one line.
enum JSONStrings {
    /// A string's content range (between the quotes) and the offset after its closing quote.
    struct Scanned {
        var content: Range<Int>
        var next: Int
        var hasEscapes: Bool
    }

    /// Scans the string whose opening quote is at `start`; `nil` if it does not close before `end`.
    static func scan(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Scanned? {
        var index = start + 1
        var hasEscapes = false
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                return Scanned(content: (start + 1)..<index, next: index + 1, hasEscapes: hasEscapes)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 2
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The text of a scanned string: the bytes in place, or unescaped into `scratch`; `nil` for an invalid escape.
    static func text(_ base: UnsafePointer<UInt8>, _ string: Scanned, scratch: ByteBuffer) -> UnsafeRawBufferPointer? {
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
            guard index + 1 < end else { return nil }
            let escaped = base[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(base, index, end) else { return nil }
                index += 4
                var scalar = Unicode.Scalar(unit)
                if (0xD800..<0xDC00).contains(unit), index + 6 <= end, base[index] == UInt8(ascii: "\\"),
                   base[index + 1] == UInt8(ascii: "u"), let low = hex4(base, index + 2, end),
                   (0xDC00..<0xE000).contains(low) {
                    scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                    index += 6
                }
                for unit in (scalar ?? "\u{FFFD}").utf8 { scratch.append(unit) }
            default:
                return nil
            }
        }
        return scratch.bytes
    }

    /// Offset after the value starting at `start` that is not a string: a nested object or array (skipped whole,
    /// strings inside included) or a bare token (number, `true`, `false`, `null`, or anything up to a delimiter).
    /// `nil` if the value is empty or a nested value does not close on this line.
    static func skipValue(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        let first = base[start]
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            let next = tokenEnd(base, start, end)
            return next > start ? next : nil
        }
        var depth = 0
        var index = start
        while index < end {
            switch base[index] {
            case UInt8(ascii: "\""):
                guard let string = scan(base, index, end) else { return nil }
                index = string.next
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default:
                break
            }
            index += 1
        }
        return nil
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
