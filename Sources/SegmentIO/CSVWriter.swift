import SegmentSupport

/// Streams rows to a CSV file with RFC 4180 quoting, buffering writes.
///
/// Call `finish()` at the end to learn about write errors; if the writer is dropped without it,
/// buffered rows are still written on a best-effort basis.
package struct CSVWriter: ~Copyable {
    /// How `write(id:values:)` spells numbers.
    package enum NumberStyle: Sendable, Equatable {
        /// A fixed number of decimals (0...9), rounded correctly, as `printf("%.Nf")` would.
        case fixed(Int)
        /// The shortest text that reads back as the same `Double` (for example `0.1`, `1e-07`, `1000`).
        case shortest
    }

    /// The file being written.
    package let path: String
    private let file: OutputFile
    private let buffer: ByteBuffer
    private let style: NumberStyle
    private static let flushBytes = 1 << 20

    /// Creates (or truncates) `path` and writes the header row.
    /// - Parameters:
    ///   - header: column names; quoted where needed.
    ///   - numberStyle: how `write(id:values:)` spells numbers; `.fixed(6)` by default.
    package init(path: String, header: [String], numberStyle: NumberStyle = .fixed(6)) throws(RecordError) {
        if case .fixed(let digits) = numberStyle, !(0...FixedPointFormatter.maxFractionDigits).contains(digits) {
            throw RecordError(
                .invalidArgument, path: path,
                "CSVWriter supports 0 to \(FixedPointFormatter.maxFractionDigits) decimals, "
                    + "not \(digits). Pick a value in that range or use .shortest.")
        }
        let opened = try OutputFile(path: path)
        self.path = path
        file = opened
        buffer = ByteBuffer(capacity: Self.flushBytes + 4096)
        style = numberStyle
        appendFields(header)
        buffer.append(UInt8(ascii: "\n"))
    }

    deinit {
        try? file.write(buffer)
    }

    /// Writes one row of text fields.
    package mutating func write(_ fields: [String]) throws(RecordError) {
        appendFields(fields)
        try endRow()
    }

    /// Writes one row: the id, then the numbers (NaN and infinities as empty fields).
    package mutating func write(id: String, values: [Double]) throws(RecordError) {
        appendText(id)
        for value in values {
            buffer.append(UInt8(ascii: ","))
            appendNumber(value)
        }
        try endRow()
    }

    /// Writes buffered rows to the file.
    package func flush() throws(RecordError) {
        try file.write(buffer)
        buffer.count = 0
    }

    /// Writes buffered rows and closes the file.
    package consuming func finish() throws(RecordError) {
        try flush()
    }

    private func appendFields(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            appendText(field)
        }
    }

    private func appendText(_ text: String) {
        var text = text
        text.withUTF8 { CSVEscaping.appendField(UnsafeRawBufferPointer($0), to: buffer) }
    }

    private func appendNumber(_ value: Double) {
        guard value.isFinite else { return }
        switch style {
        case .fixed(let digits):
            buffer.reserve(FixedPointFormatter.maxLength)
            buffer.count += FixedPointFormatter.write(value, fractionDigits: digits, to: buffer.end)
        case .shortest:
            var text = value.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            buffer.append(text)
        }
    }

    private func endRow() throws(RecordError) {
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.flushBytes { try flush() }
    }
}
