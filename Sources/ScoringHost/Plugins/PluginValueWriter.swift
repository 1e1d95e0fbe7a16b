import SegmentIO
import SegmentPlugin
import SegmentSupport

/// Writes the values plugins add: as CSV fields (missing → empty) or as JSON values (missing → null), each in the one
/// form its column's declared type has (``PluginColumnType``), so a column reads as the same type in every file.
/// Floats get up to six decimals with trailing zeros dropped but always a decimal point (`0.5`, `12.0`,
/// `3.141593`); an integer in a float column is written as a float (`12.0`).
enum PluginValueWriter {
    /// Decimals written for `PluginValue.number`.
    static let fractionDigits = 6

    /// Appends `value` of a column of `type` as one CSV field (quoted when needed).
    @inline(__always)
    static func appendCSV(_ value: PluginValue, type: PluginColumnType, to out: ByteBuffer) {
        switch value {
        case .text(let text):
            withBytes(text) { CSVEscaping.appendField($0, to: out) }
        case .integer(let number):
            if type == .float { appendNumber(Double(number), to: out) } else { appendInteger(number, to: out) }
        case .number(let number):
            if number.isFinite { appendNumber(number, to: out) }
        case .flag(let flag):
            out.append(flag ? trueBytes : falseBytes)
        case .missing:
            break
        }
    }

    /// Appends `value` of a column of `type` as a JSON value.
    @inline(__always)
    static func appendJSON(_ value: PluginValue, type: PluginColumnType, to out: ByteBuffer) {
        switch value {
        case .text(let text):
            appendJSONString(text, to: out)
        case .integer(let number):
            if type == .float { appendNumber(Double(number), to: out) } else { appendInteger(number, to: out) }
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
        appendJSONString(name, to: out)
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
        out.count += FixedPointFormatter.writeInteger(number, to: out.end)
    }

    private static func appendNumber(_ number: Double, to out: ByteBuffer) {
        out.reserve(FixedPointFormatter.maxLength)
        out.count += FixedPointFormatter.writeTrimmedFloat(number, fractionDigits: fractionDigits, to: out.end)
    }

    private static func appendJSONString(_ text: String, to out: ByteBuffer) {
        JSONString.withUTF8(text) { bytes in
            out.reserve(JSONString.maxQuotedLength(bytes.count))
            out.count += JSONString.write(bytes, to: out.end)
        }
    }
}
