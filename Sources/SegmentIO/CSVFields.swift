/// Splitting and unquoting of CSV fields for records that need more care than the fast path gives them.
enum CSVFields {
    /// Appends the ranges of the fields of `base[start..<end]` (one record, no line ending): commas outside quotes split.
    static func split(_ base: UnsafePointer<UInt8>, start: Int, end: Int, into fields: inout [Range<Int>]) {
        fields.removeAll(keepingCapacity: true)
        var fieldStart = start
        var inQuotes = false
        var index = start
        while index < end {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: ","), !inQuotes {
                fields.append(fieldStart..<index)
                fieldStart = index + 1
            }
            index += 1
        }
        fields.append(fieldStart..<end)
    }

    /// The value of one raw field with surrounding spaces and tabs removed: the inner text of a quoted field
    /// (with doubled quotes undone, copied into `scratch` only when needed) or the text of an unquoted one.
    /// `nil` when the quoting is malformed: text outside the quotes, a lone quote inside, or a quote in an unquoted field.
    static func value(_ base: UnsafePointer<UInt8>, _ field: Range<Int>, scratch: ByteBuffer) -> UnsafeRawBufferPointer? {
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
