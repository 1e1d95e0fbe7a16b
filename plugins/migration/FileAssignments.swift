import SegmentPlugin
/// The rows of one input file as the migration plugin saw them, in file order: each customer id with the
/// segment it had before the file (0 = new customer) and the segment the file gives it.
///
/// This is what the store keeps per file (in parts of `partSize` rows), so a replay of the same input can hand
/// back the same previous segments.
struct FileAssignments {
    /// Rows per stored part: a part's BLOB stays around 1 MB for typical ids.
    static let partSize = 65_536

    /// Customer ids by row.
    private(set) var keys = KeyList()
    /// Segment code before the file, by row; 0 for a customer seen for the first time.
    private(set) var previous: [UInt16] = []
    /// Segment code the file assigns, by row.
    private(set) var current: [UInt16] = []

    /// Number of rows.
    var count: Int { previous.count }

    /// Appends one row.
    @inline(__always)
    mutating func append(_ key: UnsafeRawBufferPointer, previous: UInt16, current: UInt16) {
        keys.append(key)
        self.previous.append(previous)
        self.current.append(current)
    }

    /// Number of stored parts.
    var partCount: Int { (count + Self.partSize - 1) / Self.partSize }

    /// The rows of part `part`.
    func rows(ofPart part: Int) -> Range<Int> {
        (part * Self.partSize)..<min(count, (part + 1) * Self.partSize)
    }

    /// Part `part` as stored: the id list, then the previous codes, then the current codes.
    func encodedPart(_ part: Int) -> [UInt8] {
        let rows = rows(ofPart: part)
        var writer = BlobWriter()
        writer.appendKeys(keys, rows)
        writer.appendCodes(previous[rows])
        writer.appendCodes(current[rows])
        return writer.bytes
    }

    /// Appends the rows of a stored part.
    mutating func appendPart(_ blob: UnsafeRawBufferPointer, label: String) throws(PluginError) {
        var reader = BlobReader(blob, label: label)
        let ids = try reader.keys()
        let previous = try reader.codes(ids.count)
        let current = try reader.codes(ids.count)
        guard reader.isAtEnd else { throw reader.corrupt("has bytes after its rows") }
        for row in 0..<ids.count {
            append(ids.key(at: row), previous: previous[row], current: current[row])
        }
    }
}
