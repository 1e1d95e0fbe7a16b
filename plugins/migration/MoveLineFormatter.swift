import SegmentSupport

/// Formats lines of `migrations.jsonl`, a block of many lines at a time, each ending with a line feed:
/// `{"customer_id":"C1","from":"Risk","to":"Beginners","direction":"upgrade","confidence":0.75,"line":12}`.
///
/// Numbers have at most six decimals, trailing zeros trimmed (`FixedPointFormatter.writeTrimmed`); strings are
/// escaped by `JSONString`, segment names once per code. The bytes are written through a pointer into a buffer
/// grown ahead of each line, so a line costs copies, not appends.
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
            JSONString.append(name, to: &bytes)
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
                // Fixed text ~75 bytes, two names, the id at worst six bytes per byte escaped, a number of at most
                // `FixedPointFormatter.maxLength` bytes, the line number (20 digits, 8 bytes of scribble).
                buffer.reserve(
                    128 + 2 * longestName + JSONString.maxQuotedLength(move.customer.count)
                        + FixedPointFormatter.maxLength)
                var cursor = buffer.end
                cursor.copy(#"{"customer_id":"#)
                cursor += JSONString.write(move.customer, to: cursor)
                cursor.copy(#","from":"#)
                writeName(move.from, names: names, at: &cursor)
                cursor.copy(#","to":"#)
                writeName(move.to, names: names, at: &cursor)
                cursor.copy(#","direction":""#)
                cursor.copy(Self.directionNames[move.direction.rawValue])
                cursor.copy(#"","confidence":"#)
                Self.writeNumber(move.confidence, at: &cursor)
                cursor.copy(#","line":"#)
                cursor += FixedPointFormatter.writeInteger(UInt64(max(0, move.inputLine)), to: cursor)
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

    /// Writes `value` with up to six decimals and no trailing zeros; `null` when not finite.
    @inline(__always)
    static func writeNumber(_ value: Double, at cursor: inout UnsafeMutablePointer<UInt8>) {
        guard value.isFinite else { return cursor.copy("null") }
        cursor += FixedPointFormatter.writeTrimmed(value, fractionDigits: 6, to: cursor)
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
