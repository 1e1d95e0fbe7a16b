import SegmentSupport

/// Rewrites a scored file in the other record format, for `segmentd score` when the output's name asks for another
/// format than the input's (`in.csv` → `out.jsonl` and back), or copies it as it is (standard output).
///
/// CSV → JSONL: each record becomes one object with the header's names as keys, in header order. An empty field is
/// `null`; a field that is a JSON number is written as that number; any other field, and every field of the
/// `textColumns` (the customer id, the segment name, the model version), is a string.
///
/// JSONL → CSV: the header lists every key of the file in the order it first appears, the scoring columns
/// (`FileScorer.scoringColumns`) last. Strings are written as their text, numbers and `true`/`false` as written,
/// nested objects and arrays as their JSON text, and `null` or an absent key as an empty field.
package enum RecordConverter {
    /// Writes the records of `source` (in `format`) to `destination` in `target` format.
    /// - Parameter textColumns: CSV columns that stay strings in JSONL whatever they hold (letter case ignored).
    package static func convert(
        _ source: String, from format: RecordFormat, to target: RecordFormat, textColumns: [String] = [],
        into destination: RecordDestination
    ) throws {
        let out = ByteBuffer(capacity: 1 << 20)
        switch (format, target) {
        case (.csv, .jsonl):
            try csvToJSONL(source, textColumns: Set(textColumns.map { $0.lowercased() }), out: out, destination)
        case (.jsonl, .csv):
            try jsonlToCSV(source, out: out, destination)
        default:
            try copy(source, out: out, destination)
        }
        try destination.flush(out)
    }

    /// Copies `source` to `destination` byte for byte.
    package static func copy(_ source: String, into destination: RecordDestination) throws {
        let out = ByteBuffer(capacity: 1 << 20)
        try copy(source, out: out, destination)
    }

    private static func copy(_ source: String, out: ByteBuffer, _ destination: RecordDestination) throws {
        let file = try InputFile(path: source)
        while true {
            out.count = 0
            let got = try file.read(into: out.base, count: out.capacity)
            if got == 0 { break }
            out.count = got
            try destination.flush(out)
        }
    }

    private static func csvToJSONL(
        _ source: String, textColumns: Set<String>, out: ByteBuffer, _ destination: RecordDestination
    ) throws {
        // Every key's `"name":` text, one after another in one buffer: no array to retain per field.
        let keyText = ByteBuffer(capacity: 1024)
        var keys: [Range<Int>] = []
        var isText: [Bool] = []
        var fields: [Range<Int>] = []
        let scratch = ByteBuffer(capacity: 256)
        func appendKey(_ index: Int) {
            out.append(keyText.base + keys[index].lowerBound, count: keys[index].count)
        }
        try RecordBlocks.forEach(path: source, format: .csv) { base, record, _ in
            guard !record.isEmpty else { return }
            CSVFields.split(base, start: record.lowerBound, end: record.upperBound, into: &fields)
            if keys.isEmpty {
                for field in fields {
                    let name = String(decoding: fieldValue(base, field, scratch: scratch), as: UTF8.self)
                    let start = keyText.count
                    keyText.append(JSONString.quoted(name) + [UInt8(ascii: ":")])
                    keys.append(start..<keyText.count)
                    isText.append(textColumns.contains(name.lowercased()))
                }
                return
            }
            out.append(UInt8(ascii: "{"))
            for index in fields.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if index < keys.count {
                    appendKey(index)
                } else {
                    out.append(JSONString.quoted("field_\(index + 1)") + [UInt8(ascii: ":")])
                }
                let value = fieldValue(base, fields[index], scratch: scratch)
                if value.isEmpty {
                    out.appendLiteral("null")
                } else if index < isText.count && !isText[index] && JSONNumber.isValid(value) {
                    if let start = value.baseAddress { out.append(start, count: value.count) }
                } else {
                    out.reserve(JSONString.maxQuotedLength(value.count))
                    out.count += JSONString.write(value, to: out.end)
                }
            }
            // A record shorter than the header: the missing fields are null.
            if fields.count < keys.count {
                for index in fields.count..<keys.count {
                    out.append(UInt8(ascii: ","))
                    appendKey(index)
                    out.appendLiteral("null")
                }
            }
            out.appendLiteral("}\n")
            if out.count >= 1 << 20 { try destination.flush(out) }
        }
    }

    /// The value of a CSV field, unquoted; the raw field when its quoting is malformed.
    private static func fieldValue(
        _ base: UnsafePointer<UInt8>, _ field: Range<Int>, scratch: ByteBuffer
    ) -> UnsafeRawBufferPointer {
        CSVFields.value(base, field, scratch: scratch)
            ?? UnsafeRawBufferPointer(start: base + field.lowerBound, count: field.count)
    }

    private static func jsonlToCSV(_ source: String, out: ByteBuffer, _ destination: RecordDestination) throws {
        // First pass: every key, in the order it first appears.
        let keys = KeyColumns()
        let members = JSONMembers()
        try RecordBlocks.forEach(path: source, format: .jsonl) { base, record, number in
            try members.read(base, record, line: number, path: source) { position, key, _ in
                _ = keys.column(of: key, at: position)
            }
        }
        // The scoring columns last: `place[column]` is where a first-pass column is written.
        let scoring = Set(FileScorer.scoringColumns)
        let names =
            keys.names.filter { !scoring.contains($0) } + FileScorer.scoringColumns.filter(keys.names.contains)
        let written = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        let place = keys.names.map { written[$0] ?? 0 }
        out.append(Array(names.map { CSVEscaping.escaped($0) }.joined(separator: [UInt8(ascii: ",")])))
        out.append(UInt8(ascii: "\n"))

        // Second pass: one CSV record per object.
        let values = ByteBuffer(capacity: 4096)
        var slots = [Range<Int>?](repeating: nil, count: names.count)
        try RecordBlocks.forEach(path: source, format: .jsonl) { base, record, number in
            values.count = 0
            for index in slots.indices { slots[index] = nil }
            let isRecord = try members.read(base, record, line: number, path: source) { position, key, value in
                let column = keys.column(of: key, at: position)
                guard column < place.count, let value else { return }
                let start = values.count
                if let bytes = value.baseAddress { values.append(bytes, count: value.count) }
                slots[place[column]] = start..<values.count
            }
            guard isRecord else { return }
            for (index, slot) in slots.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if let slot {
                    CSVEscaping.appendField(
                        UnsafeRawBufferPointer(start: values.base + slot.lowerBound, count: slot.count), to: out)
                }
            }
            out.append(UInt8(ascii: "\n"))
            if out.count >= 1 << 20 { try destination.flush(out) }
        }
    }
}
