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

    /// Whether `start..<end` is an id the rule keeps as it is, checked cheaply: every byte printable ASCII or a
    /// space, and no space or tab at either end. Anything else goes through `check`.
    @inline(__always)
    static func isPlain(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        guard start < end, !CSVFields.isBlank(start[0]), !CSVFields.isBlank(end[-1]) else { return false }
        var byte = start
        while byte < end {
            guard byte[0] >= 0x20 && byte[0] < 0x7F else { return false }
            byte += 1
        }
        return true
    }

    @inline(__always)
    private static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }
}
