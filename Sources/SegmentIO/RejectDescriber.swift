/// Turns recorded rejections into the words and columns shown to people.
struct RejectDescriber: Sendable {
    /// CSV header names by field position (empty for JSONL).
    let headerNames: [String]
    /// Name of the identifier column as the job asked for it.
    let idColumn: String

    /// The column text for a rejection.
    func column(_ column: RejectColumn, base: UnsafePointer<UInt8>) -> String {
        switch column {
        case .none: ""
        case .field(let index): index < headerNames.count ? headerNames[index] : ""
        case .id: headerNames.isEmpty ? idColumn : headerName(matching: idColumn)
        case .key(let range): Self.text(base, range, limit: 200)
        }
    }

    /// The reason text for a rejection.
    func reason(_ reason: RejectReason, base: UnsafePointer<UInt8>) -> String {
        switch reason {
        case .notANumber(let value):
            "value \"\(Self.text(base, value, limit: 60))\" is not a number"
        case .outOfRange(let value):
            "value \"\(Self.text(base, value, limit: 60))\" is too large for a 64-bit floating-point number"
        case .wrongFieldCount(let expected, let found):
            "expected \(expected) fields as in the header but found \(found)"
        case .missingID:
            "the id column \"\(headerNames.isEmpty ? idColumn : headerName(matching: idColumn))\" has no value"
        case .idNotUTF8(let byte, let offset):
            "the id is not valid UTF-8 (byte 0x\(Self.hex(byte)) at byte \(offset + 1) of the id): ids are compared "
                + "byte for byte as UTF-8 text; save the file as UTF-8 (from ISO Latin 1: iconv -f LATIN1 -t UTF-8)"
        case .notAJSONNumber(let value):
            "value \"\(Self.text(base, value, limit: 60))\" is not a JSON number (no leading zero, no '+', digits "
                + "on both sides of '.', digits after 'e'); put it in quotes to keep it as text"
        case .unterminatedQuote:
            "a quoted field is never closed by a double quote"
        case .malformedQuotes:
            "the field is not correctly quoted: a quoted value must be followed by a comma or the line end, "
                + "and a double quote inside it must be doubled"
        case .bareQuote:
            "bare quote in unquoted field: a double quote may only start a field; "
                + "quote the whole field and double the quote inside (\"5\"\" screen\")"
        case .recordTooLong(let limit, let shown):
            "the record is longer than \(limit) bytes, the limit for one record (only its first \(shown) bytes "
                + "are shown here); a double quote that is never closed can cause this"
        case .invalidJSON(let problem, let byte):
            "not a valid flat JSON object: \(problem.phrase) at character \(byte + 1)"
        case .notNumericJSON(let kind):
            "value is \(kind.phrase), not a number, a numeric string or null"
        case .idNotScalar(let kind):
            "the id is \(kind.phrase), not a string or a number"
        }
    }

    /// A complete `RejectedRecord` for a rejection whose piece starts at `firstLine`.
    func rejectedRecord(_ pending: PendingReject, base: UnsafePointer<UInt8>, firstLine: Int) -> RejectedRecord {
        RejectedRecord(
            line: firstLine + pending.line,
            column: column(pending.column, base: base),
            reason: reason(pending.reason, base: base),
            record: String(
                decoding: UnsafeRawBufferPointer(
                    start: base + pending.record.lowerBound,
                    count: pending.record.count), as: UTF8.self))
    }

    private func headerName(matching name: String) -> String {
        let wanted = name.lowercased()
        return headerNames.first { $0.lowercased() == wanted } ?? name
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    private static func text(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, limit: Int) -> String {
        let shown = UnsafeRawBufferPointer(start: base + range.lowerBound, count: min(range.count, limit))
        let text = String(decoding: shown, as: UTF8.self)
        return range.count > limit ? text + "…" : text
    }
}
