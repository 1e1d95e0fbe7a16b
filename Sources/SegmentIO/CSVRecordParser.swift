/// Reads the records of one piece of a CSV chunk and hands each to a sink.
///
/// A fast path parses plain records in one pass: numbers straight from the bytes, other fields only skipped.
/// Anything unusual (a quoted id or number, an id that is not plain ASCII, a stray quote, spaces, a wrong field
/// count, a bad value) sends the record to the careful path, which splits it by the quoting rule of `CSVScanState`
/// and decides what is wrong.
struct CSVRecordParser {
    let layout: CSVLayout
    /// Longest record accepted, in bytes up to its line feed; a longer one is rejected.
    let maxRecordBytes: Int
    private var fields: [Range<Int>] = []
    private let fieldScratch = ByteBuffer(capacity: 256)
    private let idScratch = ByteBuffer(capacity: 256)
    /// Per input slot, the power of ten the fast path's value still has to be divided by.
    private let divisorStorage: DoubleBuffer

    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")

    init(layout: CSVLayout, maxRecordBytes: Int) {
        self.layout = layout
        self.maxRecordBytes = maxRecordBytes
        divisorStorage = DoubleBuffer(count: layout.inputCount + 1, repeating: 1)
    }

    /// Parses every record in `base[range]`, which starts at a record start and ends just after a record's line feed.
    /// - Returns: the number of line feeds in the range (physical lines consumed).
    mutating func parse<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, _ range: Range<Int>,
        values: UnsafeMutableBufferPointer<Double>, sink: inout Sink
    ) -> Int {
        let slotOfField = layout.slotOfField
        return slotOfField.withUnsafeBufferPointer { slots in
            parse(base, range, slots: slots, values: values, sink: &sink)
        }
    }

    private mutating func parse<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, _ range: Range<Int>, slots: UnsafeBufferPointer<Int32>,
        values: UnsafeMutableBufferPointer<Double>, sink: inout Sink
    ) -> Int {
        let end = base + range.upperBound
        var p = base + range.lowerBound
        var line = 0
        let divisors = divisorStorage.values
        let fieldCount = layout.fieldCount
        let idField = layout.idField
        // The fast path does not check record lengths: it only runs where no record can pass the limit (a piece
        // is usually far shorter than the limit).
        let fastAllowed = !layout.idIsInput && range.count <= maxRecordBytes + 1
        while p < end {
            let recordStart = p
            if p[0] == Self.lineFeed {
                line += 1
                p += 1
                continue
            }
            if p[0] == Self.carriageReturn && p[1] == Self.lineFeed {
                line += 1
                p += 2
                continue
            }
            var extraLines = 0
            var idStart = p
            var idEnd = p
            var recordEnd = p
            var field = 0
            var fast = fastAllowed
            fields: while fast {
                guard field < fieldCount else {
                    fast = false
                    break
                }
                let slot = slots[field]
                if slot >= 0 {
                    let first = p[0]
                    if first == Self.comma || first == Self.lineFeed {
                        values[Int(slot)] = .nan
                        divisors[Int(slot)] = 1
                    } else if let plain = NumberParser.scanPlainDecimalParts(p) {
                        values[Int(slot)] = plain.numerator
                        divisors[Int(slot)] = plain.divisor
                        p = plain.next
                    } else {
                        let scan = NumberParser.scanPrefix(p, end)
                        guard scan.status == .ok else {
                            fast = false
                            break
                        }
                        values[Int(slot)] = scan.value
                        divisors[Int(slot)] = 1
                        p = scan.next
                    }
                } else if p[0] == Self.quote {
                    guard field != idField else {
                        fast = false
                        break
                    }
                    p += 1
                    while true {
                        guard p < end else {
                            fast = false
                            break fields
                        }
                        let byte = p[0]
                        if byte == Self.quote {
                            if p + 1 < end && p[1] == Self.quote {
                                p += 2
                                continue
                            }
                            p += 1
                            break
                        }
                        if byte == Self.lineFeed { extraLines += 1 }
                        p += 1
                    }
                } else {
                    let fieldStart = p
                    var byte = p[0]
                    while byte != Self.comma && byte != Self.lineFeed && byte != Self.quote {
                        p += 1
                        byte = p[0]
                    }
                    guard byte != Self.quote else {
                        fast = false
                        break
                    }
                    if field == idField {
                        idStart = fieldStart
                        idEnd = byte == Self.lineFeed && p > fieldStart && p[-1] == Self.carriageReturn ? p - 1 : p
                    }
                }
                let delimiter = p[0]
                if delimiter == Self.comma {
                    p += 1
                    field += 1
                } else if delimiter == Self.lineFeed {
                    recordEnd = p > recordStart && p[-1] == Self.carriageReturn ? p - 1 : p
                    p += 1
                    break
                } else if delimiter == Self.carriageReturn && p[1] == Self.lineFeed {
                    recordEnd = p
                    p += 2
                    break
                } else {
                    fast = false
                }
            }
            if fast && field + 1 == fieldCount && CustomerID.isPlain(idStart, idEnd) {
                Self.divide(values, by: divisors)
                layout.applyCopies(values)
                sink.accept(
                    record: UnsafeRawBufferPointer(start: recordStart, count: recordEnd - recordStart),
                    isEmptyObject: false,
                    id: UnsafeRawBufferPointer(start: idStart, count: idEnd - idStart),
                    values: values)
                line += 1 + extraLines
                continue
            }
            let start = recordStart - base
            let (next, lines) = parseCarefully(
                base, start: start, pieceEnd: range.upperBound, line: line,
                slots: slots, values: values, sink: &sink)
            line += lines
            p = base + next
        }
        return line
    }

    /// Divides every value by its divisor, two at a time: division is slow, and the paired instruction costs
    /// about as much as a single one. Each result is the correctly rounded quotient, as a single division gives.
    @inline(__always)
    private static func divide(
        _ values: UnsafeMutableBufferPointer<Double>, by divisors: UnsafeMutableBufferPointer<Double>
    ) {
        guard let numerators = values.baseAddress, let denominators = divisors.baseAddress else { return }
        var index = 0
        while index + 2 <= values.count {
            let pair = UnsafeRawPointer(numerators + index).loadUnaligned(as: SIMD2<Double>.self)
            let scale = UnsafeRawPointer(denominators + index).loadUnaligned(as: SIMD2<Double>.self)
            UnsafeMutableRawPointer(numerators + index).storeBytes(of: pair / scale, as: SIMD2<Double>.self)
            index += 2
        }
        if index < values.count { numerators[index] /= denominators[index] }
    }

    /// Parses one record by the general rules and accepts or rejects it.
    /// - Returns: the offset after the record and the number of line feeds it spans.
    private mutating func parseCarefully<Sink: RecordSink>(
        _ base: UnsafePointer<UInt8>, start: Int, pieceEnd: Int, line: Int, slots: UnsafeBufferPointer<Int32>,
        values: UnsafeMutableBufferPointer<Double>, sink: inout Sink
    ) -> (next: Int, lines: Int) {
        let ending = RecordBoundaries.recordEnd(base, start: start, end: pieceEnd)
        let stop = ending ?? pieceEnd
        var lines = 0
        for index in start..<stop where base[index] == Self.lineFeed { lines += 1 }
        var end = stop
        if end > start && base[end - 1] == Self.lineFeed { end -= 1 }
        if end > start && base[end - 1] == Self.carriageReturn { end -= 1 }
        let shownEnd = end - start > maxRecordBytes ? start + OversizedRecord.shownBytes(limit: maxRecordBytes) : end

        func reject(_ reason: RejectReason, _ column: RejectColumn) {
            sink.reject(PendingReject(line: line, column: column, reason: reason, record: start..<shownEnd))
        }
        guard let ending else {
            reject(.unterminatedQuote, .none)
            return (stop, lines)
        }
        guard ending - 1 - start <= maxRecordBytes else {
            reject(.recordTooLong(limit: maxRecordBytes, shown: shownEnd - start), .none)
            return (stop, lines)
        }
        switch CSVFields.split(base, start: start, end: end, into: &fields) {
        case .bareQuote(let field)?:
            reject(.bareQuote, .field(field))
            return (stop, lines)
        case .textAfterClosingQuote(let field)?:
            reject(.malformedQuotes, .field(field))
            return (stop, lines)
        case nil:
            break
        }
        guard fields.count == layout.fieldCount else {
            reject(.wrongFieldCount(expected: layout.fieldCount, found: fields.count), .none)
            return (stop, lines)
        }
        var id = UnsafeRawBufferPointer(start: nil, count: 0)
        for (field, range) in fields.enumerated() {
            let slot = Int(slots[field])
            let isID = field == layout.idField
            guard slot >= 0 || isID else { continue }
            guard let text = CSVFields.value(base, range, scratch: isID ? idScratch : fieldScratch) else {
                reject(.malformedQuotes, .field(field))
                return (stop, lines)
            }
            if isID {
                switch CustomerID.check(text) {
                case .id(let checked):
                    id = checked
                case .rejected(let reason):
                    reject(reason, .id)
                    return (stop, lines)
                }
            }
            guard slot >= 0 else { continue }
            let number = NumberParser.fieldValue(text)
            switch number.status {
            case .ok:
                values[slot] = number.value
            case .outOfRange:
                reject(.outOfRange(value: CSVFields.trim(base, range)), .field(field))
                return (stop, lines)
            case .invalid:
                reject(.notANumber(value: CSVFields.trim(base, range)), .field(field))
                return (stop, lines)
            }
        }
        layout.applyCopies(values)
        sink.accept(
            record: UnsafeRawBufferPointer(start: base + start, count: end - start), isEmptyObject: false,
            id: id, values: values)
        return (stop, lines)
    }
}
