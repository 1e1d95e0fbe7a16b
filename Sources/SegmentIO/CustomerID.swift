/// The one rule that turns what a record holds in its id column into a customer id, for CSV and JSONL alike
/// (README, "Customer ids"). Plugins such as the migration monitor key customers by these bytes, so two records
/// are the same customer exactly when their ids are the same bytes.
///
/// The parsers hand over the id's text: a CSV field without its quotes (doubled quotes undone), a JSON string's
/// value (escapes decoded, lone surrogates already refused), or a JSON number token exactly as written (`2` and
/// `2.0` stay different, as they would in a CSV, and no digit of a long id is lost to floating point). Then:
/// - spaces and tabs around it are removed;
/// - nothing left, or only white space (line feeds, carriage returns, form feeds, vertical tabs): no id;
/// - not valid UTF-8: the record is rejected. Comparing bytes that are not text would be fine, but outputs such as
///   `migrations.jsonl`, the exec protocol and JSON logs cannot carry them, and a lossy decode merges distinct ids
///   (`M\xDCLLER01` and `M\xD6LLER01` both become `M\u{FFFD}LLER01`).
/// Nothing else is normalised: letter case, Unicode normal forms and inner white space are part of the id.
enum CustomerID {
    /// The outcome of applying the rule.
    enum Outcome {
        /// The id's bytes (a slice of the text given).
        case id(UnsafeRawBufferPointer)
        /// The record has no usable id, and why.
        case rejected(RejectReason)
    }

    /// Applies the rule to `text`, the id column's value as its format reads it.
    static func check(_ text: UnsafeRawBufferPointer) -> Outcome {
        let id = CSVFields.trimBlanks(text)
        guard id.contains(where: { !isWhiteSpace($0) }) else { return .rejected(.missingID) }
        if let bad = UTF8Validation.firstInvalid(id) {
            return .rejected(.idNotUTF8(byte: id[bad], offset: bad))
        }
        return .id(id)
    }

    /// Whether `start..<end` is an id the rule keeps as it is, checked cheaply on the fast path: it starts with a
    /// printable ASCII character (so it is not white space only), ends with no space or tab, and holds no byte of
    /// 0x80 or above (so it is UTF-8). Anything else goes through `check`. Bytes are OR-ed eight at a time: this
    /// runs once per record.
    @inline(__always)
    static func isPlain(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        guard start < end, start[0] > 0x20, start[0] < 0x7F, !CSVFields.isBlank(end[-1]) else { return false }
        var bits: UInt64 = 0
        var byte = UnsafeRawPointer(start)
        let last = UnsafeRawPointer(end)
        while last - byte >= 8 {
            bits |= byte.loadUnaligned(as: UInt64.self)
            byte += 8
        }
        while byte < last {
            bits |= UInt64(byte.load(as: UInt8.self))
            byte += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    @inline(__always)
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
