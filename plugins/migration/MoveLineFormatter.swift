/// Formats lines of `migrations.jsonl`, a block of many lines at a time, each ending with a line feed:
/// `{"customer_id":"C1","from":"Risk","to":"Beginners","direction":"upgrade","confidence":0.75,"line":12}`.
///
/// Numbers have at most six decimals, trailing zeros trimmed; segment names are escaped once per code. The bytes
/// are written through a pointer into a buffer grown ahead of each line, so a line costs copies, not appends.
struct MoveLineFormatter {
    /// One line's content.
    struct Move {
        var customer: UnsafeRawBufferPointer
        var from: UInt16
        var to: UInt16
        var direction: Migration
        var confidence: Double
        var inputLine: Int
    }

    /// The quoted names of all codes, back to back, and where each one ends.
    private let names: [UInt8]
    private let nameEnds: [Int]
    private let longestName: Int

    /// A formatter for the segment `names` by code.
    init(names: [String]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var longest = 0
        for name in names {
            let start = bytes.count
            bytes.append(UInt8(ascii: "\""))
            for byte in name.utf8 { Self.appendEscaped(byte, to: &bytes) }
            bytes.append(UInt8(ascii: "\""))
            ends.append(bytes.count)
            longest = max(longest, bytes.count - start)
        }
        self.names = bytes
        nameEnds = ends
        longestName = longest
    }

    /// Replaces the content of `buffer` with the lines of moves `0..<count`, move `i` given by `move(i)`.
    func write(count: Int, into buffer: LineBuffer, move: (Int) -> Move) {
        buffer.removeAll()
        names.withUnsafeBufferPointer { names in
            for index in 0..<count {
                let move = move(index)
                // Fixed text ~75 bytes, two names, the id at worst six bytes per byte escaped, two numbers ≤ 40.
                buffer.reserve(128 + 2 * longestName + 6 * move.customer.count)
                var cursor = buffer.end
                cursor.copy(#"{"customer_id":"#)
                Self.writeQuoted(move.customer, at: &cursor)
                cursor.copy(#","from":"#)
                writeName(move.from, names: names, at: &cursor)
                cursor.copy(#","to":"#)
                writeName(move.to, names: names, at: &cursor)
                cursor.copy(#","direction":""#)
                cursor.copy(Self.directionNames[move.direction.rawValue])
                cursor.copy(#"","confidence":"#)
                Self.writeNumber(move.confidence, at: &cursor)
                cursor.copy(#","line":"#)
                Self.writeInteger(UInt64(max(0, move.inputLine)), at: &cursor)
                cursor.copy("}\n")
                buffer.end = cursor
            }
        }
    }

    private static let directionNames: [StaticString] = Migration.allCases.map { migration -> StaticString in
        switch migration {
        case .new: "new"
        case .same: "same"
        case .upgrade: "upgrade"
        case .downgrade: "downgrade"
        }
    }

    private func writeName(
        _ code: UInt16, names: UnsafeBufferPointer<UInt8>, at cursor: inout UnsafeMutablePointer<UInt8>
    ) {
        let index = Int(code)
        let start = index == 0 ? 0 : nameEnds[index - 1]
        let count = nameEnds[index] - start
        cursor.update(from: names.baseAddress! + start, count: count)
        cursor += count
    }

    /// Writes `bytes` as a JSON string literal.
    private static func writeQuoted(_ bytes: UnsafeRawBufferPointer, at cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.pointee = UInt8(ascii: "\"")
        cursor += 1
        if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            if let base = bytes.baseAddress {
                UnsafeMutableRawPointer(cursor).copyMemory(from: base, byteCount: bytes.count)
            }
            cursor += bytes.count
        } else {
            var escaped: [UInt8] = []
            for byte in bytes { appendEscaped(byte, to: &escaped) }
            cursor.update(from: escaped, count: escaped.count)
            cursor += escaped.count
        }
        cursor.pointee = UInt8(ascii: "\"")
        cursor += 1
    }

    /// Appends `byte` as it stands inside a JSON string.
    private static func appendEscaped(_ byte: UInt8, to bytes: inout [UInt8]) {
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

    /// Writes the decimal digits of `value`.
    @inline(__always)
    private static func writeInteger(_ value: UInt64, at cursor: inout UnsafeMutablePointer<UInt8>) {
        var digits = 1
        var limit: UInt64 = 10
        while value >= limit && digits < 20 {
            digits += 1
            (limit, _) = limit.multipliedReportingOverflow(by: 10)
        }
        var rest = value
        for position in stride(from: digits - 1, through: 0, by: -1) {
            cursor[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        cursor += digits
    }

    /// Writes `value` with up to six decimals and no trailing zeros; `null` when not finite.
    static func writeNumber(_ value: Double, at cursor: inout UnsafeMutablePointer<UInt8>) {
        guard value.isFinite else { return cursor.copy("null") }
        guard value.magnitude < 1e12 else {
            let text = Array("\(value)".utf8)
            cursor.update(from: text, count: text.count)
            cursor += text.count
            return
        }
        let units = UInt64((value.magnitude * 1_000_000).rounded())
        if value < 0, units != 0 {
            cursor.pointee = UInt8(ascii: "-")
            cursor += 1
        }
        writeInteger(units / 1_000_000, at: &cursor)
        var fraction = units % 1_000_000
        guard fraction != 0 else { return }
        var digits = 6
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        cursor.pointee = UInt8(ascii: ".")
        for position in stride(from: digits, through: 1, by: -1) {
            cursor[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
        cursor += digits + 1
    }
}

extension UnsafeMutablePointer<UInt8> {
    /// Copies `text` here and moves past it.
    @inline(__always)
    fileprivate mutating func copy(_ text: StaticString) {
        update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        self += text.utf8CodeUnitCount
    }
}

/// Bytes written through a pointer, kept from block to block: `reserve` makes room for at least that many more,
/// `end` is where the next byte goes.
final class LineBuffer: @unchecked Sendable {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var end: UnsafeMutablePointer<UInt8>

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        storage = .allocate(capacity: self.capacity)
        end = storage
    }

    deinit { storage.deallocate() }

    func removeAll() {
        end = storage
    }

    func reserve(_ extra: Int) {
        let count = end - storage
        guard count + extra > capacity else { return }
        capacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.moveInitialize(from: storage, count: count)
        storage.deallocate()
        storage = grown
        end = grown + count
    }

    /// The bytes written.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: end - storage) }
}
