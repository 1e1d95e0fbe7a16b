/// RFC 4180 quoting for values written to CSV. `public` and `@inlinable` like `ByteBuffer`'s appends: the scoring
/// host quotes plugin values with it once per value.
public enum CSVEscaping {
    /// Whether a field must be quoted: it holds a comma, a double quote, a line break, or starts or ends with a space.
    @inlinable
    public static func needsQuotes(_ field: UnsafeRawBufferPointer) -> Bool {
        guard let first = field.first, let last = field.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return true }
        for byte in field {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"): return true
            default: continue
            }
        }
        return false
    }

    /// Appends `field`, quoted with inner quotes doubled when needed.
    @inlinable
    public static func appendField(_ field: UnsafeRawBufferPointer, to buffer: ByteBuffer) {
        guard needsQuotes(field) else {
            if let base = field.baseAddress { buffer.append(base, count: field.count) }
            return
        }
        buffer.reserve(field.count * 2 + 2)
        buffer.append(UInt8(ascii: "\""))
        for byte in field {
            if byte == UInt8(ascii: "\"") { buffer.append(byte) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    /// The bytes of `field` as one CSV field.
    package static func escaped(_ field: String) -> [UInt8] {
        let buffer = ByteBuffer(capacity: field.utf8.count * 2 + 2)
        var field = field
        field.withUTF8 { appendField(UnsafeRawBufferPointer($0), to: buffer) }
        return Array(buffer.bytes)
    }
}
