/// The records parsed from the bytes fed so far: the usable ones (id and input values) and the rejected ones, each
/// with its 0-based index among the body's records.
package struct ParsedRecords: Sendable {
    /// Input values per usable record.
    package let width: Int
    package var ids: [String] = []
    /// Row-major: `width` values per usable record, NaN where missing (the model fills in its median).
    package var values: [Double] = []
    package var indices: [Int] = []
    package var rejects: [RecordReject] = []

    package init(width: Int) {
        self.width = width
    }

    /// Usable and rejected records held.
    package var count: Int { ids.count + rejects.count }

    package mutating func removeAll() {
        ids.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
    }
}

/// Collects the records one parse call reads, numbering them; rejects are described at once, while their bytes are
/// still in the buffer.
struct CollectingSink: RecordSink {
    var records: ParsedRecords
    let width: Int
    var nextIndex: Int
    let maxRecords: Int
    let firstLine: Int?
    let base: UnsafePointer<UInt8>
    let describer: RejectDescriber
    var overflow = false

    mutating func accept(
        record: UnsafeRawBufferPointer, isEmptyObject: Bool, id: UnsafeRawBufferPointer,
        values: UnsafeMutableBufferPointer<Double>
    ) {
        guard take() else { return }
        records.ids.append(String(decoding: id, as: UTF8.self))
        records.values.append(contentsOf: UnsafeMutableBufferPointer(rebasing: values[0..<width]))
        records.indices.append(nextIndex - 1)
    }

    mutating func reject(_ reject: PendingReject) {
        guard take() else { return }
        let column = describer.column(reject.column, base: base)
        records.rejects.append(
            RecordReject(
                index: nextIndex - 1, line: firstLine.map { $0 + reject.line },
                column: column.isEmpty ? nil : column, reason: describer.reason(reject.reason, base: base)))
    }

    /// Takes the records a sink collected from the bytes after this one's (numbered from 0, lines from 0), as if
    /// this sink had read them: renumbered after its own, `firstLine` added to their lines, cut at the limit.
    mutating func append(_ later: ParsedRecords, firstLine: Int) {
        let offset = nextIndex
        var taken = 0
        for (row, index) in later.indices.enumerated() where offset + index < maxRecords {
            records.ids.append(later.ids[row])
            records.values.append(contentsOf: later.values[(row * width)..<((row + 1) * width)])
            records.indices.append(offset + index)
            taken += 1
        }
        for reject in later.rejects where offset + reject.index < maxRecords {
            var reject = reject
            reject.index += offset
            reject.line = reject.line.map { $0 + firstLine }
            records.rejects.append(reject)
            taken += 1
        }
        nextIndex += taken
        if taken < later.count { overflow = true }
    }

    /// Numbers the next record; false (and `overflow`) past the limit.
    private mutating func take() -> Bool {
        guard nextIndex < maxRecords else {
            overflow = true
            return false
        }
        nextIndex += 1
        return true
    }
}
