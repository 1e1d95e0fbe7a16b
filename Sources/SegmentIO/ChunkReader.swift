#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file into chunks of whole records, carrying a partial last record over to the next chunk.
///
/// Every chunk starts at a record start (the carried part, or the file's start after a CSV byte-order mark), and
/// the record boundaries in it are found by one scan from there, so they follow the CSV rule whatever the chunking.
/// A record longer than the record size limit is read past without being kept: the chunk then holds only its start,
/// marked `oversized`, and the parsers turn it into one reject.
final class ChunkReader: @unchecked Sendable {
    let file: InputFile
    /// Whether double quotes can hide line feeds (CSV) or not (JSONL).
    let quoteAware: Bool
    /// Bytes read per chunk in the normal case: the requested size, or less for a smaller file, so that a small file
    /// does not pay for allocating and clearing buffers it never fills.
    let chunkBytes: Int
    /// Longest record accepted, in bytes up to its line feed; a longer one is rejected.
    let maxRecordBytes: Int
    /// Largest chunk capacity: room for a record at the limit with its line ending, a byte-order mark before it,
    /// and a little more, so that only records the parsers would reject anyway are read past.
    private let largestCapacity: Int
    /// Pieces each chunk is split into for parallel processing.
    let piecesPerChunk: Int
    /// Sees every byte read from the file exactly once, in file order (for hashing the input while it is scored).
    let observer: InputObserver?
    /// Where the first fill stops: room for the header and a first batch of records, small enough that the parallel
    /// work starts at once instead of after a whole buffer-full is read.
    var firstFillBytes: Int { min(chunkBytes, 256 << 10) }
    /// Bytes read from the file so far.
    private(set) var bytesRead = 0
    private var reachedEnd = false

    init(
        file: InputFile, quoteAware: Bool, chunkBytes: Int, maxRecordBytes: Int, piecesPerChunk: Int,
        observer: InputObserver? = nil
    ) {
        self.file = file
        self.observer = observer
        self.quoteAware = quoteAware
        // One byte more than the file holds, so the first read sees the end at once.
        self.chunkBytes = file.size > 0 ? min(chunkBytes, max(file.size + 1, 4096)) : chunkBytes
        self.maxRecordBytes = maxRecordBytes
        largestCapacity = max(self.chunkBytes, maxRecordBytes + 8)
        self.piecesPerChunk = piecesPerChunk
    }

    /// Fills `chunk` with the unprocessed tail of `previous` (if any) followed by fresh bytes from the file,
    /// growing it until it holds at least one whole record or the rest of the file.
    /// - Parameter limit: bytes to stop at, if fewer than the chunk holds (raised when no whole record fits). A
    ///   small first chunk lets the parallel work start while the rest of the first buffer-full is still unread.
    func fill(_ chunk: Chunk, after previous: Chunk?, limit: Int? = nil) throws(RecordError) {
        var count = 0
        chunk.fileOffset = 0
        if let previous {
            let tail = previous.count - previous.recordsEnd
            if tail + chunkBytes / 2 > chunk.capacity { chunk.grow(to: tail + chunkBytes) }
            chunk.base.update(from: previous.base + previous.recordsEnd, count: tail)
            chunk.fileOffset = previous.fileOffsetOfRecordsEnd
            count = tail
        }
        chunk.recordsStart = 0
        chunk.isLast = false
        chunk.oversized = nil
        chunk.droppedBytes = 0
        var target = min(max(limit ?? chunk.capacity, count + 1), chunk.capacity)
        while true {
            if !reachedEnd {
                let wanted = target - count
                let got = try file.read(into: chunk.base + count, count: wanted)
                observe(chunk.base + count, got)
                count += got
                reachedEnd = got < wanted
            }
            chunk.count = count
            if reachedEnd {
                finishLast(chunk)
                return
            }
            let start = recordScanStart(chunk)
            // The first chunk of a CSV file must hold the header, after any empty lines.
            let first = previous == nil && quoteAware ? Self.afterEmptyLines(chunk, from: start) : start
            let split = splitPieces(chunk, from: start)
            if let lastEnd = split.lastEnd, lastEnd > first {
                chunk.recordsEnd = lastEnd
                chunk.pieceStarts = [0] + split.boundaries.map { min($0 ?? lastEnd, lastEnd) }
                return
            }
            // No record ends in the chunk: the first one is longer than what was read.
            if count - first > maxRecordBytes + 2 {
                // Longer than the limit even without a CR LF at its end: one reject, read past it.
                try readPastOversized(chunk, start: first)
                return
            }
            if target < chunk.capacity {
                target = min(target * 2, chunk.capacity)
                continue
            }
            guard chunk.capacity < largestCapacity else {
                // Only empty lines so far, more than a record may hold: no header in sight.
                throw RecordError(
                    .emptyFile, path: file.path,
                    "\(file.path) starts with more than \(maxRecordBytes) bytes of empty lines and no "
                        + "header. A CSV file must start with a line naming its columns.")
            }
            chunk.grow(to: min(chunk.capacity * 2, largestCapacity))
            target = chunk.capacity
        }
    }

    /// Where the first record of `chunk` starts: after a byte-order mark at the start of a CSV file, else at 0.
    private func recordScanStart(_ chunk: Chunk) -> Int {
        let base = chunk.base
        let hasMark =
            quoteAware && chunk.fileOffset == 0 && chunk.count >= 3
            && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF
        return hasMark ? 3 : 0
    }

    /// The offset after the empty lines (LF or CR LF) at `start` in `chunk`.
    private static func afterEmptyLines(_ chunk: Chunk, from start: Int) -> Int {
        var index = start
        while true {
            if index < chunk.count && chunk.base[index] == UInt8(ascii: "\n") {
                index += 1
            } else if index + 1 < chunk.count && chunk.base[index] == UInt8(ascii: "\r")
                && chunk.base[index + 1] == UInt8(ascii: "\n")
            {
                index += 2
            } else {
                return index
            }
        }
    }

    /// Reads on from the end of `chunk`, whose record at `start` has no end yet and is too long, to that record's
    /// end by the CSV rule (or the file's end), keeping only its first bytes. The chunk is left holding that start
    /// as its one piece, followed by whatever was read after the record.
    private func readPastOversized(_ chunk: Chunk, start: Int) throws(RecordError) {
        let base = chunk.base
        let scanned = RecordBoundaries.partialRecord(base, from: start, to: chunk.count, quoteAware: quoteAware)
        var state = scanned.state
        var lineFeeds = scanned.lineFeeds
        let kept = start + OversizedRecord.shownBytes(limit: maxRecordBytes)
        var dropped = chunk.count - kept
        chunk.count = kept
        var found: Int?
        while found == nil && !reachedEnd {
            let wanted = chunk.capacity - kept
            let got = try file.read(into: base + kept, count: wanted)
            observe(base + kept, got)
            reachedEnd = got < wanted
            chunk.count = kept + got
            if quoteAware {
                found = RecordBoundaries.nextEnd(base, from: kept, to: chunk.count, state: &state)
            } else {
                found = memchr(base + kept, Int32(UInt8(ascii: "\n")), got)
                    .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(base) + 1 }
            }
            let recordPart = (found ?? chunk.count) - kept
            for index in kept..<(kept + recordPart) where base[index] == UInt8(ascii: "\n") { lineFeeds += 1 }
            dropped += recordPart
            if let found {
                chunk.drop(from: found, to: kept)
            } else {
                chunk.count = kept
            }
        }
        chunk.oversized = OversizedRecord(
            shown: start..<kept, lineFeeds: lineFeeds,
            unterminated: found == nil && state == .quoted, limit: maxRecordBytes)
        chunk.droppedBytes = dropped
        chunk.recordsEnd = kept
        chunk.pieceStarts = [0]
        // At the end of the file with nothing after the record, this chunk is the last.
        chunk.isLast = reachedEnd && chunk.count == kept
    }

    /// Takes everything up to the end of the file, adding a line feed after a last record that lacks one.
    private func finishLast(_ chunk: Chunk) {
        chunk.isLast = true
        if chunk.count > 0 && chunk.base[chunk.count - 1] != UInt8(ascii: "\n") {
            chunk.base[chunk.count] = UInt8(ascii: "\n")
            chunk.count += 1
        }
        chunk.recordsEnd = chunk.count
        let split = splitPieces(chunk, from: recordScanStart(chunk))
        chunk.pieceStarts = [0] + split.boundaries.map { min($0 ?? chunk.count, chunk.count) }
    }

    private func splitPieces(_ chunk: Chunk, from start: Int) -> RecordBoundaries.Split {
        let span = chunk.count
        let targets = (1..<max(piecesPerChunk, 1)).map { max(span * $0 / piecesPerChunk, start) }
        return RecordBoundaries.split(
            chunk.base, start: start, end: chunk.count, targets: targets,
            quoteAware: quoteAware)
    }

    private func observe(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) {
        observer?(UnsafeRawBufferPointer(start: bytes, count: count))
        bytesRead += count
    }
}
