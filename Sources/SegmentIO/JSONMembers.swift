/// Walks the members of one JSONL line that the scorer wrote (so already checked against RFC 8259), for
/// `RecordConverter`: each key with the text of its value.
final class JSONMembers {
    private let keyScratch = ByteBuffer(capacity: 256)
    private let valueScratch = ByteBuffer(capacity: 256)

    /// Calls `member` with each member's position on the line, its key's text and its value: a string's text, a
    /// number's, literal's, object's or array's JSON text, nil for `null`. Each buffer is valid only during its call.
    /// Returns false for a blank line.
    /// - Throws: `RecordError` when the line is not a JSON object.
    @discardableResult
    func read(
        _ base: UnsafePointer<UInt8>, _ record: Range<Int>, line: Int, path: String,
        _ member: (_ position: Int, _ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer?) throws -> Void
    ) throws -> Bool {
        let end = record.upperBound
        var index = JSONStrings.skipSpaces(base, record.lowerBound, end)
        guard index < end else { return false }
        func invalid() -> RecordError {
            RecordError(
                .invalidHeader, path: path,
                "Line \(line) of \(path) is not a JSON object, so it cannot be converted to CSV. Score the file as "
                    + "JSONL, or fix the line.")
        }
        guard base[index] == UInt8(ascii: "{") else { throw invalid() }
        index = JSONStrings.skipSpaces(base, index + 1, end)
        if index < end && base[index] == UInt8(ascii: "}") { return true }
        var position = 0
        do {
            while index < end {
                guard base[index] == UInt8(ascii: "\"") else { throw invalid() }
                let keyString = try JSONStrings.scan(base, index, end)
                let key = JSONStrings.text(base, keyString, scratch: keyScratch)
                index = JSONStrings.skipSpaces(base, keyString.next, end)
                guard index < end, base[index] == UInt8(ascii: ":") else { throw invalid() }
                index = JSONStrings.skipSpaces(base, index + 1, end)
                guard index < end else { throw invalid() }
                if base[index] == UInt8(ascii: "\"") {
                    let value = try JSONStrings.scan(base, index, end)
                    try member(position, key, JSONStrings.text(base, value, scratch: valueScratch))
                    index = value.next
                } else {
                    let valueEnd = try JSONStrings.skipValue(base, index, end)
                    let value = UnsafeRawBufferPointer(start: base + index, count: valueEnd - index)
                    try member(position, key, value.elementsEqual("null".utf8) ? nil : value)
                    index = valueEnd
                }
                position += 1
                index = JSONStrings.skipSpaces(base, index, end)
                guard index < end else { throw invalid() }
                if base[index] == UInt8(ascii: "}") { return true }
                guard base[index] == UInt8(ascii: ",") else { throw invalid() }
                index = JSONStrings.skipSpaces(base, index + 1, end)
            }
        } catch is JSONStrings.Fault {
            throw invalid()
        }
        throw invalid()
    }
}
