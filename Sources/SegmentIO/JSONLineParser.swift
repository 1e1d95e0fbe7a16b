#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the lines of one piece of a JSONL chunk, each a flat JSON object, and hands each record to a sink.
///
/// Wanted keys (matched ignoring case) must hold numbers, numeric strings (surrounding spaces allowed) or null;
/// the id key a string or a number, read by the id rule (`CustomerID`). Other keys may hold anything, nested values
/// included: they are checked but not interpreted. The whole line must be valid JSON (RFC 8259: UTF-8 strings without
/// raw control characters or lone surrogates, JSON numbers only), because the scored output copies it: a line that
/// is not is rejected, so every output line is valid JSON. When a key repeats, its last value counts. Blank lines
/// are skipped.
struct JSONLineParser {
    let map: JSONFieldMap
    /// Longest line accepted, in bytes up to its line feed; a longer one is rejected whatever it holds.
    let maxRecordBytes: Int
    private let keyScratch = ByteBuffer(capacity: 256)
    private let valueScratch = ByteBuffer(capacity: 256)
    private let idScratch = ByteBuffer(capacity: 256)
    /// Which wanted keys (by matcher position) some line of this piece held, whatever their value.
    let seenKeys: SeenKeys
    /// The keys of the line before, by position: an export writes the same keys in the same order on every line.
    private let lastKeys = KeyMemo()

    init(map: JSONFieldMap, maxRecordBytes: Int) {
        self.map = map
        self.maxRecordBytes = maxRecordBytes
        seenKeys = SeenKeys(count: map.isID.count)
    }

    /// Parses every line in `base[range]`, which ends just after a line feed.
    /// - Returns: the number of line feeds in the range.
    mutating func parse<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, _ range: Range<Int>,
        values: UnsafeMutableBufferPointer<Double>, sink: inout Sink
    ) -> Int {
        var line = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let remaining = range.upperBound - start
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), remaining)
            let lineFeed =
                found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? range.upperBound
            var end = lineFeed
            if end - start > maxRecordBytes {
                let shown = OversizedRecord.shownBytes(limit: maxRecordBytes)
                sink.reject(
                    PendingReject(
                        line: line, column: .none,
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
        var member = 0
        index = skipSpaces(base, index + 1, end)
        let isEmpty = index < end && base[index] == UInt8(ascii: "}")
        while !isEmpty {
            guard index < end, base[index] == UInt8(ascii: "\"") else { return invalid(.expectedKey, at: index) }
            let key: JSONStrings.Scanned
            do throws(JSONStrings.Fault) {
                key = try JSONStrings.scan(base, index, end)
            } catch {
                return invalid(error.problem, at: error.offset)
            }
            let wanted = lastKeys.value(of: JSONStrings.text(base, key, scratch: keyScratch), at: member) {
                map.matcher.match($0)
            }
            member += 1
            if let wanted { seenKeys.flags[wanted] = true }
            index = skipSpaces(base, key.next, end)
            guard index < end, base[index] == UInt8(ascii: ":") else { return invalid(.expectedColon, at: index) }
            index = skipSpaces(base, index + 1, end)
            guard index < end else { return invalid(.badValue, at: index) }
            let valueStart = index

            if base[index] == UInt8(ascii: "\"") {
                let string: JSONStrings.Scanned
                do throws(JSONStrings.Fault) {
                    string = try JSONStrings.scan(base, index, end)
                } catch {
                    return invalid(error.problem, at: error.offset)
                }
                index = string.next
                if let wanted {
                    let isID = map.isID[wanted]
                    let text = JSONStrings.text(base, string, scratch: isID ? idScratch : valueScratch)
                    if isID {
                        switch CustomerID.check(text) {
                        case .id(let checked): id = checked
                        case .rejected(let reason): return reject(reason, .id)
                        }
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
            } else if let plain = NumberParser.plainJSONNumber(base, index, end),
                wanted.map({ !map.isID[$0] }) ?? true
            {
                // The common member: a plain number (what skipValue, kind and fieldValue below decide, in one pass).
                if let wanted, map.slot[wanted] >= 0 { values[map.slot[wanted]] = plain.value }
                index = plain.next
            } else {
                let next: Int
                do throws(JSONStrings.Fault) {
                    next = try JSONStrings.skipValue(base, index, end)
                } catch {
                    // A bad token standing as the member's value is named with its key; a fault inside a nested
                    // value is located in the line.
                    guard error.offset == valueStart else { return invalid(error.problem, at: error.offset) }
                    let token = valueStart..<JSONStrings.tokenEnd(base, valueStart, end)
                    let column: RejectColumn = wanted.map { map.isID[$0] } == true ? .id : .key(key.content)
                    switch error.problem {
                    case .badNumber:
                        return reject(.notAJSONNumber(value: token), column)
                    case .badValue where wanted.map({ map.slot[$0] >= 0 }) == true:
                        return reject(.notANumber(value: token), column)
                    default:
                        return invalid(error.problem, at: error.offset)
                    }
                }
                index = next
                if let wanted {
                    let token = UnsafeRawBufferPointer(start: base + valueStart, count: next - valueStart)
                    let kind = Self.kind(token)
                    let slot = map.slot[wanted]
                    if map.isID[wanted] {
                        switch kind {
                        case .null: return reject(.missingID, .id)
                        case .number: id = token
                        default: return reject(.idNotScalar(kind), .id)
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
                        default:
                            return reject(.notNumericJSON(kind), .key(key.content))
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
        sink.accept(
            record: UnsafeRawBufferPointer(start: base + objectStart, count: closing - objectStart),
            isEmptyObject: isEmpty, id: id, values: values)
    }

    /// The kind of a non-string value `JSONStrings.skipValue` accepted, told by its first byte.
    private static func kind(_ token: UnsafeRawBufferPointer) -> JSONValueKind {
        switch token.first {
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        case UInt8(ascii: "n"): .null
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .boolean
        default: .number
        }
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
