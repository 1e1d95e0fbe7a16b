/// Reads a file into chunks of whole records, carrying a partial last record over to the next chunk.
final class ChunkReader: @unchecked Sendable {
    let file: InputFile
    /// Whether double quotes can hide line feeds (CSV) or not (JSONL).
    let quoteAware: Bool
    /// Bytes read per chunk in the normal case: the requested size, or less for a smaller file, so that a small file
    /// does not pay for allocating and clearing buffers it never fills.
    let chunkBytes: Int
    /// Largest single record accepted before giving up on the file.
    let maxRecordBytes: Int
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

    init(file: InputFile, quoteAware: Bool, chunkBytes: Int, maxRecordBytes: Int, piecesPerChunk: Int,
         observer: InputObserver? = nil) {
        self.file = file
        self.observer = observer
        self.quoteAware = quoteAware
        // One byte more than the file holds, so the first read sees the end at once.
        self.chunkBytes = file.size > 0 ? min(chunkBytes, max(file.size + 1, 4096)) : chunkBytes
        self.maxRecordBytes = max(maxRecordBytes, chunkBytes)
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
            chunk.fileOffset = previous.fileOffset + previous.recordsEnd
            count = tail
        }
        chunk.recordsStart = 0
        chunk.isLast = false
        var target = min(max(limit ?? chunk.capacity, count + 1), chunk.capacity)
        while true {
            if !reachedEnd {
                let wanted = target - count
                let got = try file.read(into: chunk.base + count, count: wanted)
                observer?(UnsafeRawBufferPointer(start: chunk.base + count, count: got))
                bytesRead += got
                count += got
                reachedEnd = got < wanted
            }
            chunk.count = count
            if reachedEnd {
                finishLast(chunk)
                return
            }
            let split = splitPieces(chunk)
            if let lastEnd = split.lastEnd {
                chunk.recordsEnd = lastEnd
                chunk.pieceStarts = [0] + split.boundaries.map { min($0 ?? lastEnd, lastEnd) }
                return
            }
            if target < chunk.capacity {
                target = min(target * 2, chunk.capacity)
                continue
            }
            guard chunk.capacity < maxRecordBytes else {
                throw RecordError(
                    .recordTooLong, path: file.path,
                    "The record starting at byte offset \(chunk.fileOffset) of \(file.path) is longer than "
                        + "\(maxRecordBytes / 1_048_576) MiB. This usually means a double quote that is never "
                        + "closed; fix the quoting in that record or raise the record size limit.")
            }
            chunk.grow(to: min(chunk.capacity * 2, maxRecordBytes))
            target = chunk.capacity
        }
    }

    /// Takes everything up to the end of the file, adding a line feed after a last record that lacks one.
    private func finishLast(_ chunk: Chunk) {
        chunk.isLast = true
        if chunk.count > 0 && chunk.base[chunk.count - 1] != UInt8(ascii: "\n") {
            chunk.base[chunk.count] = UInt8(ascii: "\n")
            chunk.count += 1
        }
        chunk.recordsEnd = chunk.count
        let split = splitPieces(chunk)
        chunk.pieceStarts = [0] + split.boundaries.map { min($0 ?? chunk.count, chunk.count) }
    }

    private func splitPieces(_ chunk: Chunk) -> RecordBoundaries.Split {
        let span = chunk.count
        let targets = (1..<max(piecesPerChunk, 1)).map { span * $0 / piecesPerChunk }
        return RecordBoundaries.split(chunk.base, start: 0, end: chunk.count, targets: targets, quoteAware: quoteAware)
    }
}
