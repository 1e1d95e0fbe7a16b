import Glibc

/// Splitting and unquoting of CSV fields for records that need more care than the fast path gives them.
enum CSVFields {
    /// A quoting fault in a record, by the rule of `CSVScanState`.
    enum QuoteFault: Equatable {
        /// A double quote inside an unquoted field (`5" screen`).
        case bareQuote(field: Int)
        /// Something other than spaces, tabs, a comma or the line end after a closing quote (`"a"b`).
        case textAfterClosingQuote(field: Int)
    }

    /// Appends the raw ranges of the fields of `base[start..<end]` (one whole record without its line ending, from
    /// `RecordBoundaries`) to `fields`, quotes and surrounding spaces included, and returns the first quoting fault,
    /// if any (the fields after a fault are not split).
    @discardableResult
    static func split(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int,
        into fields: inout [Range<Int>]
    ) -> QuoteFault? {
        fields.removeAll(keepingCapacity: true)
        var fieldStart = start
        // Without a double quote (libc's vectorised memchr says so) only commas matter: the scanner's state, a
        // third of a CSV -> JSONL conversion's time, can change nothing else.
        if memchr(base + start, Int32(UInt8(ascii: "\"")), end - start) == nil {
            for index in start..<end where base[index] == UInt8(ascii: ",") {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            fields.append(fieldStart..<end)
            return nil
        }
        var state = CSVScanState.fieldStart
        var index = start
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: ","), state != .quoted {
                // A comma after a fault never gets here: the fault returns first.
                fields.append(fieldStart..<index)
                fieldStart = index + 1
                state = .fieldStart
            } else {
                let next = RecordBoundaries.transition(state, byte)
                if next == .malformed {
                    return state == .unquoted
                        ? .bareQuote(field: fields.count)
                        : .textAfterClosingQuote(field: fields.count)
                }
                state = next
            }
            index += 1
        }
        fields.append(fieldStart..<end)
        return nil
    }

    /// The value of one raw field with surrounding spaces and tabs removed: the inner text of a quoted field
    /// (with doubled quotes undone, copied into `scratch` only when needed) or the text of an unquoted one.
    /// `nil` when the quoting is malformed: text outside the quotes, a lone quote inside, or a quote in an unquoted
    /// field.
    static func value(_ base: UnsafePointer<UInt8>, _ field: Range<Int>, scratch: ByteBuffer) -> UnsafeRawBufferPointer?
    {
        let trimmed = trim(base, field)
        guard !trimmed.isEmpty else { return UnsafeRawBufferPointer(start: base + trimmed.lowerBound, count: 0) }
        if base[trimmed.lowerBound] != UInt8(ascii: "\"") {
            for index in trimmed where base[index] == UInt8(ascii: "\"") { return nil }
            return UnsafeRawBufferPointer(start: base + trimmed.lowerBound, count: trimmed.count)
        }
        guard trimmed.count >= 2, base[trimmed.upperBound - 1] == UInt8(ascii: "\"") else { return nil }
        let inner = (trimmed.lowerBound + 1)..<(trimmed.upperBound - 1)
        var hasDoubled = false
        var index = inner.lowerBound
        while index < inner.upperBound {
            if base[index] == UInt8(ascii: "\"") {
                guard index + 1 < inner.upperBound, base[index + 1] == UInt8(ascii: "\"") else { return nil }
                hasDoubled = true
                index += 2
            } else {
                index += 1
            }
        }
        let text: UnsafeRawBufferPointer
        if hasDoubled {
            scratch.count = 0
            index = inner.lowerBound
            while index < inner.upperBound {
                scratch.append(base[index])
                index += base[index] == UInt8(ascii: "\"") ? 2 : 1
            }
            text = scratch.bytes
        } else {
            text = UnsafeRawBufferPointer(start: base + inner.lowerBound, count: inner.count)
        }
        return trimBlanks(text)
    }

    /// `field` without leading and trailing spaces and tabs.
    static func trim(_ base: UnsafePointer<UInt8>, _ field: Range<Int>) -> Range<Int> {
        var lower = field.lowerBound
        var upper = field.upperBound
        while lower < upper && isBlank(base[lower]) { lower += 1 }
        while upper > lower && isBlank(base[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// `text` without leading and trailing spaces and tabs.
    static func trimBlanks(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let start = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return text }
        let range = trim(start, 0..<text.count)
        return UnsafeRawBufferPointer(start: start + range.lowerBound, count: range.count)
    }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
