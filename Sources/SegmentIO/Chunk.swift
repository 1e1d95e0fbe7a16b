#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One buffer-full of input: whole records ready to process, split into pieces for parallel work.
///
/// Byte offsets are relative to `base`. Records occupy `recordsStart..<recordsEnd`; bytes after `recordsEnd` are the
/// start of a record that continues in the next chunk. Every piece ends with a line feed that ends a record
/// (the reader appends one after a last record that lacks it), so parsers can scan for delimiters without
/// checking the end of the buffer on every byte; only a quoted field must watch the end.
final class Chunk: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Allocated bytes; one more than the reader fills, to leave room for an appended line feed.
    private(set) var capacity: Int
    /// Bytes present.
    var count = 0
    /// Offset of the first record to process.
    var recordsStart = 0
    /// Offset just after the last complete record.
    var recordsEnd = 0
    /// Start offsets of the pieces; piece `i` covers `pieceStarts[i]..<pieceStarts[i + 1]` (the last ends at
    /// `recordsEnd`).
    var pieceStarts: [Int] = []
    /// Position of `base[0]` in the input file.
    var fileOffset = 0
    /// 1-based line number of the record at `recordsStart`.
    var firstLine = 1
    /// Whether this chunk ends the file.
    var isLast = false
    /// A record longer than the record size limit, read past and mostly dropped: then the chunk holds only the
    /// start of that record, as its one piece, and the bytes after it in the file follow `recordsEnd`.
    var oversized: OversizedRecord?
    /// Bytes of the file read but not kept (the dropped part of `oversized`): the byte at `recordsEnd` is at file
    /// position `fileOffset + droppedBytes + recordsEnd`.
    var droppedBytes = 0

    /// File position of the first byte after the records of this chunk.
    var fileOffsetOfRecordsEnd: Int { fileOffset + droppedBytes + recordsEnd }

    /// Readable bytes after `capacity + 1`, so parsers may load whole words near the end.
    static let padding = 32

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity + 1 + Self.padding)
        base.initialize(repeating: 0, count: capacity + 1 + Self.padding)
    }

    deinit { base.deallocate() }

    /// Number of pieces.
    var pieceCount: Int { pieceStarts.count }

    /// Byte range of piece `index`.
    func piece(_ index: Int) -> Range<Int> {
        pieceStarts[index]..<(index + 1 < pieceStarts.count ? pieceStarts[index + 1] : recordsEnd)
    }

    /// Grows the buffer to at least `newCapacity`, keeping the bytes present.
    func grow(to newCapacity: Int) {
        guard newCapacity > capacity else { return }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + 1 + Self.padding)
        newBase.initialize(repeating: 0, count: newCapacity + 1 + Self.padding)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Moves the bytes `from..<count` to `to` (before them), dropping what lay between.
    func drop(from: Int, to: Int) {
        memmove(base + to, base + from, count - from)
        count -= from - to
    }

    /// Moves the start of the record processing to `offset` (after a header), dropping pieces that now start before it.
    func skipRecords(to offset: Int) {
        recordsStart = offset
        pieceStarts = pieceStarts.map { max($0, offset) }
    }
}

/// A record longer than the record size limit, which is one reject whatever it holds. The reader keeps only its
/// first bytes (for the rejects file) and reads on to its end by the same rule as any record.
struct OversizedRecord: Sendable {
    /// The bytes kept, at the start of the chunk.
    var shown: Range<Int>
    /// Line feeds in the whole record, its ending included.
    var lineFeeds: Int
    /// Whether the file ended inside a quoted field of the record.
    var unterminated: Bool
    /// The limit it passed.
    var limit: Int

    /// Bytes of a record longer than `limit` that the rejects file shows.
    static func shownBytes(limit: Int) -> Int { min(limit, 4096) }
}
