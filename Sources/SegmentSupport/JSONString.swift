/// JSON string literals: the one escaper behind every JSON text segmentd writes (scored JSONL, plugin columns,
/// `migrations.jsonl`, the exec protocol's rows, JSON logs).
///
/// The quote and the backslash are escaped as `\"` and `\\`; line feed, carriage return and tab as `\n`, `\r`,
/// `\t`; the other control characters (below 0x20) as `\u00xx` in lowercase hex. Every other byte, DEL and UTF-8
/// sequences included, is copied as it is. Text without a byte to escape (the usual case) is copied in one move.
///
/// `public` and `@inlinable` for the same reason as `FixedPointFormatter`: Swift 6.3 does not inline `package`
/// functions into other modules, and plugin columns and move lines call this once per value.
public enum JSONString {
    /// Most bytes ``write(_:to:)`` writes for `count` bytes of text: each escaped as `\u00xx`, plus the two quotes.
    @inlinable
    public static func maxQuotedLength(_ count: Int) -> Int { 6 * count + 2 }

    /// Whether `byte` is written as an escape inside a string.
    @inlinable @inline(__always)
    public static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes `text` as a JSON string literal, quotes included, at `out` and returns the byte count.
    /// - Precondition: `out` has room for ``maxQuotedLength(_:)`` of `text.count` bytes.
    @inlinable @inline(__always)
    public static func write(_ text: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\"")
        var length = 1
        if !text.contains(where: needsEscape) {
            if let base = text.baseAddress {
                UnsafeMutableRawPointer(out + 1).copyMemory(from: base, byteCount: text.count)
            }
            length += text.count
        } else {
            length += writeEscaped(text, to: out + 1)
        }
        out[length] = UInt8(ascii: "\"")
        return length + 1
    }

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return bytes
    }

    /// Appends `text` as a JSON string literal, quotes included.
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        withUTF8(text) { text in
            guard text.contains(where: needsEscape) else {
                bytes.append(UInt8(ascii: "\""))
                bytes.append(contentsOf: text)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            let start = bytes.count
            let room = maxQuotedLength(text.count)
            bytes.append(contentsOf: repeatElement(0, count: room))
            let written = bytes.withUnsafeMutableBufferPointer { write(text, to: $0.baseAddress! + start) }
            bytes.removeLast(room - written)
        }
    }

    /// Runs `body` with the UTF-8 bytes of `text`, in place when the string is stored contiguously.
    @inlinable @inline(__always)
    public static func withUTF8<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBytes(body)
    }

    /// Writes the content of `text` with its escapes at `out` (no quotes); returns the byte count.
    @usableFromInline
    static func writeEscaped(_ text: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let hex: StaticString = "0123456789abcdef"
        var length = 0
        for byte in text {
            guard needsEscape(byte) else {
                out[length] = byte
                length += 1
                continue
            }
            out[length] = UInt8(ascii: "\\")
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[length + 1] = byte
            case UInt8(ascii: "\n"): out[length + 1] = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): out[length + 1] = UInt8(ascii: "r")
            case UInt8(ascii: "\t"): out[length + 1] = UInt8(ascii: "t")
            default:
                let unicodeEscape: StaticString = "\\u00"
                (out + length).update(from: unicodeEscape.utf8Start, count: 4)
                out[length + 4] = hex.utf8Start[Int(byte >> 4)]
                out[length + 5] = hex.utf8Start[Int(byte & 0xF)]
                length += 4
            }
            length += 2
        }
        return length
    }
}
