#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// File names as Linux has them (any bytes but `/` and NUL) carried in Swift strings, and shown to people.
///
/// A name that is not valid UTF-8 cannot be a Swift `String` as it is, so ``decode(_:)`` maps each byte that is not
/// part of a valid UTF-8 sequence to one scalar of a private-use range (U+10FF80 + byte − 0x80), and
/// ``withCString(_:_:)`` maps it back when the name is handed to the kernel. A name that happens to hold those
/// private-use scalars has them escaped byte by byte too, so decoding and encoding give back the exact bytes of
/// every name. ``display(_:)`` writes such bytes and control characters as `\xHH` for logs and reports.
package enum RawPath {
    /// The first scalar of the escape range; byte `b` (0x80…0xFF) is `escapeBase + b - 0x80`.
    static let escapeBase: UInt32 = 0x10FF80

    /// The string for the bytes of a name or path as the kernel gives them.
    package static func decode(_ bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        if let plain = String(validating: array, as: UTF8.self), !plain.unicodeScalars.contains(where: isEscape) {
            return plain
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < array.count {
            if let (scalar, length) = scalar(in: array, at: index), !isEscape(scalar) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(array[index]) - 0x80)!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// The bytes of `path` as the kernel must see them (escaped bytes restored).
    package static func bytes(_ path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: isEscape) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if isEscape(scalar) {
                bytes.append(UInt8(scalar.value - escapeBase + 0x80))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Length in bytes of `path` as the kernel sees it.
    package static func byteCount(_ path: String) -> Int {
        path.unicodeScalars.reduce(0) { $0 + (isEscape($1) ? 1 : UTF8.width($1)) }
    }

    /// Calls `body` with `path` as the NUL-terminated C string to pass to a system call.
    package static func withCString<Result>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> Result) rethrows
        -> Result
    {
        guard path.unicodeScalars.contains(where: isEscape) else { return try path.withCString(body) }
        let raw = (bytes(path) + [0]).map { CChar(bitPattern: $0) }
        return try raw.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `name` for a log line or a report: bytes that are not UTF-8 and control characters as `\xHH`
    /// (line feed, carriage return and tab as `\n`, `\r`, `\t`), and a backslash as `\\`, so it is unambiguous.
    /// A name of printable UTF-8 without a backslash is shown as it is.
    package static func display(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: needsEscape) else { return name }
        var shown = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\\": shown += "\\\\"
            case "\n": shown += "\\n"
            case "\r": shown += "\\r"
            case "\t": shown += "\\t"
            case _ where isEscape(scalar): shown += hex(UInt8(scalar.value - escapeBase + 0x80))
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: shown += hex(UInt8(scalar.value))
            case _ where scalar.value >= 0x80 && scalar.value < 0xA0:
                for byte in String(scalar).utf8 { shown += hex(byte) }
            default: shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// True for the scalars ``display(_:)`` changes.
    package static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar == "\\" || (scalar.value >= 0x7F && scalar.value < 0xA0) || isEscape(scalar)
    }

    /// True for a scalar that stands for a byte of a name that is not UTF-8.
    package static func isEscape(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= escapeBase }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }

    /// The scalar of the valid UTF-8 sequence starting at `index`, and its length; nil when the bytes there are not
    /// one.
    private static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
