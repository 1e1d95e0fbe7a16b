/// Formats one line of `migrations.jsonl`:
/// `{"customer_id":"C1","from":"Risk","to":"Beginners","direction":"upgrade","confidence":0.75,"line":12}`.
///
/// Numbers have at most six decimals, trailing zeros trimmed; segment names are escaped once per code.
struct MoveLineFormatter {
    private let quotedNames: [[UInt8]]

    /// A formatter for the segment `names` by code.
    init(names: [String]) {
        quotedNames = names.map { name in
            var bytes: [UInt8] = []
            Self.appendQuoted(UnsafeRawBufferPointer?.none, text: name, to: &bytes)
            return bytes
        }
    }

    /// Appends the JSON line for one move (no line feed) to `buffer`.
    func appendLine(customer: UnsafeRawBufferPointer, from previous: UInt16, to current: UInt16,
                    direction: Migration, confidence: Double, inputLine: Int, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: Self.customerKey)
        Self.appendQuoted(customer, text: nil, to: &buffer)
        buffer.append(contentsOf: Self.fromKey)
        buffer.append(contentsOf: quotedNames[Int(previous)])
        buffer.append(contentsOf: Self.toKey)
        buffer.append(contentsOf: quotedNames[Int(current)])
        buffer.append(contentsOf: Self.directionKey)
        buffer.append(contentsOf: Self.directionNames[direction.rawValue])
        buffer.append(contentsOf: Self.confidenceKey)
        Self.appendNumber(confidence, to: &buffer)
        buffer.append(contentsOf: Self.lineKey)
        Self.appendInteger(Int64(inputLine), to: &buffer)
        buffer.append(UInt8(ascii: "}"))
    }

    private static let customerKey = Array(#"{"customer_id":"#.utf8)
    private static let fromKey = Array(#","from":"#.utf8)
    private static let toKey = Array(#","to":"#.utf8)
    private static let directionKey = Array(#","direction":""#.utf8)
    private static let confidenceKey = Array(#"","confidence":"#.utf8)
    private static let lineKey = Array(#","line":"#.utf8)
    private static let directionNames = Migration.allCases.map { Array($0.name.utf8) }

    /// Appends the decimal digits of `value` (≥ 0).
    private static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { digits in
            var rest = value.magnitude
            var count = 0
            repeat {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: digits[(20 - count)...])
        }
    }

    /// Appends `value` with up to six decimals and no trailing zeros; `null` when not finite.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        guard value.isFinite else { return bytes.append(contentsOf: "null".utf8) }
        guard value.magnitude < 1e12 else { return bytes.append(contentsOf: "\(value)".utf8) }
        let units = Int64((value.magnitude * 1_000_000).rounded())
        if value < 0, units != 0 { bytes.append(UInt8(ascii: "-")) }
        appendInteger(units / 1_000_000, to: &bytes)
        var fraction = units % 1_000_000
        guard fraction != 0 else { return }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        bytes.append(UInt8(ascii: "."))
        var divisor: Int64 = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    /// Appends the bytes of `raw` (or of `text`) as a JSON string literal.
    private static func appendQuoted(_ raw: UnsafeRawBufferPointer?, text: String?, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        let append = { (byte: UInt8, bytes: inout [UInt8]) in
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: #"\u00"#.utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        if let raw {
            if raw.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                for byte in raw { append(byte, &bytes) }
            } else {
                bytes.append(contentsOf: raw)
            }
        }
        if let text { for byte in text.utf8 { append(byte, &bytes) } }
        bytes.append(UInt8(ascii: "\""))
    }
}
