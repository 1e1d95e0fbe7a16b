@testable import SegmentIO

/// The CSV rule as a plain sequential reader: the specification the chunked parallel reader must match on every
/// input. It reads the whole document field by field, byte by byte, with none of the reader's machinery.
///
/// The rule (README, "Input formats and rejects"):
/// - A record ends at a line feed outside a quoted field; a CR just before that line feed belongs to the line ending.
///   A last record without a line ending is read as if it had one. Empty lines (LF or CR LF) are not records.
/// - A field is quoted when its first byte after spaces and tabs is `"`; it then runs to the next single `"`
///   (a doubled `""` is one quote) and may hold commas, CR and LF. Only spaces and tabs may follow the closing quote
///   before the comma or line end.
/// - A `"` anywhere else in an unquoted field: the record is rejected (`bare quote in unquoted field`) and ends at the
///   next line feed, whatever quotes follow. Text after a closing quote (`"a"b`): rejected as not correctly quoted,
///   and the record ends at the next line feed too.
/// - A quoted field still open at the end of the file: the record (the rest of the file) is one reject.
/// - A record longer than the limit (bytes from its start up to its line feed) is one reject; the rejects file shows
///   a record whose text is longer than the limit cut to its first `min(limit, 4096)` bytes.
/// - Otherwise: the field count must be the header's, the id must not be empty, and the input columns must be
///   numbers or empty, checked field by field from the left; the first failure is the reason.
struct CSVReference {
    struct Row: Equatable {
        var line: Int
        var record: [UInt8]
        var id: [UInt8]
        var values: [Double]
    }

    struct Result {
        var header: [UInt8]
        var rows: [Row]
        var rejects: [RejectedRecord]
        var recordsRead: Int { rows.count + rejects.count }
    }

    struct HeaderError: Error {}

    /// One record as read: where its bytes are, and its fields or what is wrong with its quoting.
    private struct Record {
        enum Fault { case bareQuote(Int), textAfterQuote(Int), unterminated }
        var start: Int
        /// End of the record's text (line ending excluded).
        var textEnd: Int
        /// Offset of the line feed that ends it (the document's end when unterminated).
        var lineFeed: Int
        /// Where the next record starts.
        var next: Int
        var fields: [Range<Int>]
        var fault: Fault?
    }

    let idColumn: String
    let columns: [String]
    let limit: Int

    func read(_ document: [UInt8]) throws -> Result {
        var bytes = document
        if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        var position = 0
        var line = 1
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        while let next = blankLine(bytes, position) {
            line += 1
            position = next
        }
        guard position < bytes.count else { throw HeaderError() }
        let header = readRecord(bytes, position)
        guard header.fault == nil, header.lineFeed - header.start <= limit else { throw HeaderError() }
        let names = header.fields.map { String(decoding: unquoted(bytes, $0), as: UTF8.self).lowercased() }
        let headerNames = header.fields.map { String(decoding: unquoted(bytes, $0), as: UTF8.self) }
        func name(_ field: Int) -> String { field < headerNames.count ? headerNames[field] : "" }
        guard let idField = names.firstIndex(of: idColumn.lowercased()) else { throw HeaderError() }
        let slots = try columns.map { column in
            guard let field = names.firstIndex(of: column.lowercased()) else { throw HeaderError() }
            return field
        }
        line += lineFeeds(bytes, header.start..<header.next)
        position = header.next

        var result = Result(header: Array(bytes[header.start..<header.textEnd]), rows: [], rejects: [])
        while position < bytes.count {
            if let next = blankLine(bytes, position) {
                line += 1
                position = next
                continue
            }
            let record = readRecord(bytes, position)
            let textLength = record.textEnd - record.start
            let shownEnd = textLength > limit ? record.start + min(limit, 4096) : record.textEnd
            let shown = String(decoding: bytes[record.start..<shownEnd], as: UTF8.self)
            func reject(_ column: String, _ reason: String) {
                result.rejects.append(RejectedRecord(line: line, column: column, reason: reason, record: shown))
            }
            defer {
                line += lineFeeds(bytes, record.start..<record.next)
                position = record.next
            }
            if case .unterminated? = record.fault {
                reject("", "a quoted field is never closed by a double quote")
                continue
            }
            if record.lineFeed - record.start > limit {
                reject(
                    "",
                    "the record is longer than \(limit) bytes, the limit for one record (only its first "
                        + "\(shownEnd - record.start) bytes are shown here); a double quote that is never closed can "
                        + "cause this")
                continue
            }
            switch record.fault {
            case .bareQuote(let field)?:
                reject(
                    name(field),
                    "bare quote in unquoted field: a double quote may only start a field; "
                        + "quote the whole field and double the quote inside (\"5\"\" screen\")")
                continue
            case .textAfterQuote(let field)?:
                reject(
                    name(field),
                    "the field is not correctly quoted: a quoted value must be followed by "
                        + "a comma or the line end, and a double quote inside it must be doubled")
                continue
            default:
                break
            }
            guard record.fields.count == header.fields.count else {
                reject("", "expected \(header.fields.count) fields as in the header but found \(record.fields.count)")
                continue
            }
            var id: [UInt8] = []
            var values = [Double](repeating: .nan, count: columns.count)
            var failed = false
            for (field, range) in record.fields.enumerated() where field == idField || slots.contains(field) {
                let text = unquoted(bytes, range)
                if field == idField {
                    guard !text.isEmpty else {
                        reject(headerNames[field], "the id column \"\(headerNames[field])\" has no value")
                        failed = true
                        break
                    }
                    id = text
                }
                guard slots.contains(field) else { continue }
                let number = text.withUnsafeBytes { NumberParser.fieldValue($0) }
                let raw = trimmed(bytes, range)
                let shownValue = String(decoding: bytes[raw].prefix(60), as: UTF8.self) + (raw.count > 60 ? "…" : "")
                guard number.status == .ok else {
                    reject(
                        headerNames[field],
                        number.status == .outOfRange
                            ? "value \"\(shownValue)\" is too large for a 64-bit floating-point number"
                            : "value \"\(shownValue)\" is not a number")
                    failed = true
                    break
                }
                for (slot, slotField) in slots.enumerated() where slotField == field { values[slot] = number.value }
            }
            if !failed {
                result.rows.append(
                    Row(
                        line: line, record: Array(bytes[record.start..<record.textEnd]), id: id,
                        values: values))
            }
        }
        return result
    }

    /// Reads the record starting at `start` field by field.
    private func readRecord(_ bytes: [UInt8], _ start: Int) -> Record {
        var record = Record(start: start, textEnd: start, lineFeed: start, next: start, fields: [], fault: nil)
        var index = start
        func endAtLineFeed(_ from: Int) {
            var lineFeed = from
            while bytes[lineFeed] != UInt8(ascii: "\n") { lineFeed += 1 }
            record.lineFeed = lineFeed
            record.next = lineFeed + 1
            record.textEnd = lineFeed > start && bytes[lineFeed - 1] == UInt8(ascii: "\r") ? lineFeed - 1 : lineFeed
        }
        while true {
            let fieldStart = index
            while isBlank(bytes[index]) { index += 1 }
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while true {
                    if index == bytes.count {
                        record.fault = .unterminated
                        record.lineFeed = bytes.count
                        record.next = bytes.count
                        var end = bytes.count - 1
                        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                        record.textEnd = end
                        return record
                    }
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    index += 1
                }
                while isBlank(bytes[index]) { index += 1 }
                let fieldEnd = index
                if bytes[index] == UInt8(ascii: ",") {
                    record.fields.append(fieldStart..<fieldEnd)
                    index += 1
                    continue
                }
                if bytes[index] == UInt8(ascii: "\n")
                    || (bytes[index] == UInt8(ascii: "\r") && bytes[index + 1] == UInt8(ascii: "\n"))
                {
                    record.fields.append(fieldStart..<fieldEnd)
                    endAtLineFeed(index)
                    return record
                }
                record.fault = .textAfterQuote(record.fields.count)
                endAtLineFeed(index)
                return record
            }
            while bytes[index] != UInt8(ascii: ",") && bytes[index] != UInt8(ascii: "\n")
                && bytes[index] != UInt8(ascii: "\"")
            {
                index += 1
            }
            if bytes[index] == UInt8(ascii: "\"") {
                record.fault = .bareQuote(record.fields.count)
                endAtLineFeed(index)
                return record
            }
            if bytes[index] == UInt8(ascii: ",") {
                record.fields.append(fieldStart..<index)
                index += 1
                continue
            }
            endAtLineFeed(index)
            record.fields.append(fieldStart..<max(record.textEnd, fieldStart))
            return record
        }
    }

    /// The offset after an empty line (LF or CR LF) at `position`, if there is one.
    private func blankLine(_ bytes: [UInt8], _ position: Int) -> Int? {
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "\n") { return position + 1 }
        if bytes[position] == UInt8(ascii: "\r") && position + 1 < bytes.count
            && bytes[position + 1] == UInt8(ascii: "\n")
        {
            return position + 2
        }
        return nil
    }

    /// A field's value: the text between its quotes with `""` undone, or the unquoted text; spaces and tabs
    /// around it removed.
    private func unquoted(_ bytes: [UInt8], _ range: Range<Int>) -> [UInt8] {
        let raw = trimmed(bytes, range)
        guard raw.count >= 2, bytes[raw.lowerBound] == UInt8(ascii: "\"") else { return Array(bytes[raw]) }
        var text: [UInt8] = []
        var index = raw.lowerBound + 1
        while index < raw.upperBound - 1 {
            text.append(bytes[index])
            index += bytes[index] == UInt8(ascii: "\"") ? 2 : 1
        }
        return Array(text.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }

    private func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isBlank(bytes[lower]) { lower += 1 }
        while upper > lower && isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func lineFeeds(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        bytes[range].count { $0 == UInt8(ascii: "\n") }
    }

    private func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
}
