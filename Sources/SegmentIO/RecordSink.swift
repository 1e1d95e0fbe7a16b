/// Receives the records a parser reads from one piece of input.
protocol RecordSink {
    /// A usable record.
    /// - Parameters:
    ///   - record: the record's bytes without the line ending; for JSONL, the object without its closing brace.
    ///   - isEmptyObject: JSONL only: the object has no keys.
    ///   - id: the id's text (unquoted, trimmed); valid only during the call.
    ///   - values: one value per input column, NaN where missing; the sink may overwrite them.
    mutating func accept(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>)

    /// A record that cannot be used.
    mutating func reject(_ reject: PendingReject)
}

extension CSVLayout {
    /// Fills slots that repeat another column.
    @inline(__always)
    func applyCopies(_ values: UnsafeMutableBufferPointer<Double>) {
        for copy in copies { values[copy.target] = values[copy.source] }
    }
}
