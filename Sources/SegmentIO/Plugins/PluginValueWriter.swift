import SegmentPlugin

/// Writes the values plugins add: as CSV fields (missing → empty) or as JSON values (missing → null).
/// Numbers get up to six decimals with trailing zeros dropped (`0.5`, `12`, `3.141593`).
enum PluginValueWriter {
    /// Decimals written for `PluginValue.number`.
    static let fractionDigits = 6

    /// Appends `value` as one CSV field (quoted when needed).
    @inline(__always)
    static func appendCSV(_ value: PluginValue, to out: ByteBuffer) {
        switch value {
        case .text(let text):
            withBytes(text) { CSVEscaping.appendField($0, to: out) }
        case .integer(let number):
            appendInteger(number, to: out)
        case .number(let number):
            if number.isFinite { appendNumber(number, to: out) }
        case .flag(let flag):
            out.append(flag ? trueBytes : falseBytes)
        case .missing:
            break
        }
    }

    /// Appends `value` as a JSON value.
    @inline(__always)
    static func appendJSON(_ value: PluginValue, to out: ByteBuffer) {
        switch value {
        case .text(let text):
            withBytes(text) { appendJSONString($0, to: out) }
        case .integer(let number):
            appendInteger(number, to: out)
        case .number(let number):
            if number.isFinite { appendNumber(number, to: out) } else { out.append(nullBytes) }
        case .flag(let flag):
            out.append(flag ? trueBytes : falseBytes)
        case .missing:
            out.append(nullBytes)
        }
    }

    /// `,"name":` for a JSON member.
    static func jsonKey(_ name: String) -> [UInt8] {
        let out = ByteBuffer(capacity: name.utf8.count + 8)
        out.append(UInt8(ascii: ","))
        withBytes(name) { appendJSONString($0, to: out) }
        out.append(UInt8(ascii: ":"))
        return Array(out.bytes)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)

    @inline(__always)
    private static func withBytes(_ text: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { body(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(text.utf8).withUnsafeBytes(body) }
    }

    private static func appendInteger(_ number: Int, to out: ByteBuffer) {
        out.reserve(32)
        var cursor = out.end
        if number < 0 {
            cursor[0] = UInt8(ascii: "-")
            cursor += 1
        }
        cursor += FixedPointFormatter.writeInteger(UInt64(number.magnitude), to: cursor)
        out.count = cursor - out.base
    }

    private static func appendNumber(_ number: Double, to out: ByteBuffer) {
        if number.magnitude < 1e15, number == number.rounded(.towardZero) {
            return appendInteger(Int(number), to: out)
        }
        out.reserve(FixedPointFormatter.maxLength)
        let start = out.end
        var length = FixedPointFormatter.write(number, fractionDigits: fractionDigits, to: start)
        // The formatter always ends with the point and `fractionDigits` digits.
        let dot = length - fractionDigits - 1
        while length > dot + 1 && start[length - 1] == UInt8(ascii: "0") { length -= 1 }
        if length == dot + 1 { length = dot }
        if length == 2 && start[0] == UInt8(ascii: "-") && start[1] == UInt8(ascii: "0") {
            start[0] = UInt8(ascii: "0")
            length = 1
        }
        out.count += length
    }

    private static func appendJSONString(_ bytes: UnsafeRawBufferPointer, to out: ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            if let base = bytes.baseAddress { out.append(base, count: bytes.count) }
        } else {
            let hex = Array("0123456789abcdef".utf8)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case UInt8(ascii: "\n"): out.append(Array("\\n".utf8))
                case UInt8(ascii: "\r"): out.append(Array("\\r".utf8))
                case UInt8(ascii: "\t"): out.append(Array("\\t".utf8))
                case 0..<0x20: out.append(Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: out.append(byte)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
