#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the lines of one piece of a JSONL chunk, each a flat JSON object, and hands each record to a sink.
///
/// Wanted keys (matched ignoring case) must hold numbers, numeric strings (surrounding spaces allowed) or null;
/// the id key a non-empty string or a number. Other keys may hold anything, nested values included: they are skipped, not interpreted.
/// When a key repeats, its last value counts. Blank lines are skipped.
struct JSONLineParser {
    let map: JSONFieldMap
    /// Longest line accepted, in bytes up to its line feed; a longer one is rejected whatever it holds.
    let maxRecordBytes: Int
    private let keyScratch = ByteBuffer(capacity: 256)
    private let valueScratch = ByteBuffer(capacity: 256)
    private let idScratch = ByteBuffer(capacity: 256)

    init(map: JSONFieldMap, maxRecordBytes: Int) {
        self.map = map
        self.maxRecordBytes = maxRecordBytes
    }

    /// Parses every line in `base[range]`, which ends just after a line feed.
    /// - Returns: the number of line feeds in the range.
    mutating func parse<Sink: RecordSink>(_ base: UnsafePointer<UInt8>, _ range: Range<Int>,
                                          values: UnsafeMutableBufferPointer<Double>, sink: inout Sink) -> Int {
        var line = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let remaining = range.upperBound - start
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), remaining)
            let lineFeed = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? range.upperBound
            var end = lineFeed
            if end - start > maxRecordBytes {
                let shown = OversizedRecord.shownBytes(limit: maxRecordBytes)
                sink.reject(PendingReject(line: line, column: .none,
                                          reason: .recordTooLong(limit: maxRecordBytes, shown: shown),
                                          record: start..<(start + shown)))
            } else {
                while end > start && Self.isSpace(base[end - 1]) { end -= 1 }
                parseLine(base, start, end, line: line, values: values, sink: &sink)
            }
            line += 1
            start = lineFeed + 1
        }
        return line
    }

    private mutating func parseLine<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, _ lineStart: Int, _ end: Int, line: Int,
        values: UnsafeMutableBufferPointer<Double>, sink: inout Sink
    ) {
        var index = skipSpaces(base, lineStart, end)
        guard index < end else { return }

        func reject(_ reason: RejectReason, _ column: RejectColumn = .none) {
            sink.reject(PendingReject(line: line, column: column, reason: reason, record: lineStart..<end))
        }
        func invalid(_ problem: JSONProblem, at offset: Int) {
            reject(.invalidJSON(problem, byteInLine: offset - lineStart))
        }

        guard base[index] == UInt8(ascii: "{") else { return invalid(.expectedObject, at: index) }
        let objectStart = index
        for slot in 0..<map.inputCount { values[slot] = .nan }
        var id: UnsafeRawBufferPointer?
        index = skipSpaces(base, index + 1, end)
        let isEmpty = index < end && base[index] == UInt8(ascii: "}")
        while !isEmpty {
            guard index < end, base[index] == UInt8(ascii: "\"") else { return invalid(.expectedKey, at: index) }
            guard let key = JSONStrings.scan(base, index, end),
                  let keyText = JSONStrings.text(base, key, scratch: keyScratch)
            else { return invalid(.badString, at: index) }
            let wanted = map.matcher.match(keyText)
            index = skipSpaces(base, key.next, end)
            guard index < end, base[index] == UInt8(ascii: ":") else { return invalid(.expectedColon, at: index) }
            index = skipSpaces(base, index + 1, end)
            guard index < end else { return invalid(.badValue, at: index) }
            let valueStart = index

            if base[index] == UInt8(ascii: "\"") {
                guard let string = JSONStrings.scan(base, index, end) else { return invalid(.badString, at: index) }
                index = string.next
                if let wanted {
                    let isID = map.isID[wanted]
                    guard let text = JSONStrings.text(base, string, scratch: isID ? idScratch : valueScratch) else {
                        return invalid(.badString, at: valueStart)
                    }
                    if isID {
                        guard !text.isEmpty else { return reject(.missingID, .id) }
                        id = text
                    }
                    let slot = map.slot[wanted]
                    if slot >= 0 {
                        let number = NumberParser.fieldValue(CSVFields.trimBlanks(text))
                        switch number.status {
                        case .ok: values[slot] = number.value
                        case .outOfRange: return reject(.outOfRange(value: string.content), .key(key.content))
                        case .invalid: return reject(.notANumber(value: string.content), .key(key.content))
                        }
                    }
                }
            } else {
                guard let next = JSONStrings.skipValue(base, index, end) else { return invalid(.badValue, at: index) }
                index = next
                if let wanted {
                    let token = UnsafeRawBufferPointer(start: base + valueStart, count: next - valueStart)
                    let kind = Self.kind(token)
                    let slot = map.slot[wanted]
                    if map.isID[wanted] {
                        switch kind {
                        case .null: return reject(.missingID, .id)
                        case .number: id = token
                        case .some(let other): return reject(.idNotScalar(other), .id)
                        case .none: return invalid(.badValue, at: valueStart)
                        }
                    }
                    if slot >= 0 {
                        switch kind {
                        case .null:
                            values[slot] = .nan
                        case .number:
                            let number = NumberParser.fieldValue(token)
                            guard number.status == .ok else {
                                return reject(.outOfRange(value: valueStart..<next), .key(key.content))
                            }
                            values[slot] = number.value
                        case .some(let other):
                            return reject(.notNumericJSON(other), .key(key.content))
                        case .none:
                            return reject(.notANumber(value: valueStart..<next), .key(key.content))
                        }
                    }
                }
            }
            index = skipSpaces(base, index, end)
            guard index < end else { return invalid(.expectedCommaOrBrace, at: index) }
            if base[index] == UInt8(ascii: "}") { break }
            guard base[index] == UInt8(ascii: ",") else { return invalid(.expectedCommaOrBrace, at: index) }
            index = skipSpaces(base, index + 1, end)
        }
        let closing = index
        guard skipSpaces(base, closing + 1, end) == end else { return invalid(.trailingText, at: closing + 1) }
        guard let id else { return reject(.missingID, .id) }
        map.applyCopies(values)
        sink.accept(record: UnsafeRawBufferPointer(start: base + objectStart, count: closing - objectStart),
                    isEmptyObject: isEmpty, id: id, values: values)
    }

    /// The kind of a non-string value: `nil` for a bare token that is neither a literal nor a valid number.
    private static func kind(_ token: UnsafeRawBufferPointer) -> JSONValueKind? {
        switch token.first {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        default: break
        }
        if token.elementsEqual("null".utf8) { return .null }
        if token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) { return .boolean }
        return NumberParser.fieldValue(token).status == .invalid ? nil : .number
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    @inline(__always)
    private func skipSpaces(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && Self.isSpace(base[index]) { index += 1 }
        return index
    }
}
