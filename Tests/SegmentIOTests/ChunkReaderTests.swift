import Testing
@testable import SegmentIO

@Suite("Chunk reader")
struct ChunkReaderTests {
    private func reader(_ path: String, chunkBytes: Int) throws -> ChunkReader {
        ChunkReader(
            file: try InputFile(path: path), quoteAware: true, chunkBytes: chunkBytes,
            maxRecordBytes: 1 << 20, piecesPerChunk: 4)
    }

    @Test func aLimitedFirstFillStopsAtTheLimitAndTheNextFillTakesAWholeChunk() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("lines.csv", String(repeating: "123456789\n", count: 1_000))
        let reader = try reader(path, chunkBytes: 4096)
        let first = Chunk(capacity: reader.chunkBytes)
        try reader.fill(first, after: nil, limit: 100)
        #expect(first.count == 100)
        #expect(first.recordsEnd == 100)
        #expect(!first.isLast)
        let second = Chunk(capacity: reader.chunkBytes)
        try reader.fill(second, after: first)
        #expect(second.count == 4096)
        #expect(second.fileOffset == 100)
    }

    @Test func aFirstRecordLongerThanTheLimitIsStillReadWhole() throws {
        let directory = TemporaryDirectory()
        let long = String(repeating: "x", count: 299) + "\n"
        let path = directory.file("long.csv", long + String(repeating: "123456789\n", count: 1_000))
        let reader = try reader(path, chunkBytes: 4096)
        let first = Chunk(capacity: reader.chunkBytes)
        try reader.fill(first, after: nil, limit: 100)
        #expect(first.recordsEnd >= 300)
        #expect(first.count < 4096)
        #expect(Array(UnsafeBufferPointer(start: first.base, count: 300)) == Array(long.utf8))
    }

    @Test func theFirstFillOfALargeFileReadsLessThanAChunk() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("large.csv", String(repeating: "123456789\n", count: 100_000))
        let reader = try reader(path, chunkBytes: 4 << 20)
        let first = Chunk(capacity: reader.chunkBytes)
        try reader.fill(first, after: nil, limit: reader.firstFillBytes)
        #expect(first.count == reader.firstFillBytes)
        #expect(first.count < reader.chunkBytes / 2)
        #expect(!first.isLast)
    }

    @Test func aFileLargerThanTheFirstFillScoresAsWithTinyChunks() throws {
        var text = "ID,a,b\n"
        for index in 0..<60_000 {
            text += index % 97 == 0 ? "C\(index),oops,1\n" : "C\(index),\(index % 13).5,\(index % 7)\n"
        }
        #expect(text.utf8.count > 2 * (256 << 10))
        let reference = try scoreText(text, options: ScoreOptions(chunkBytes: 61, piecesPerChunk: 3))
        let run = try scoreText(text)
        #expect(run.output == reference.output)
        #expect(run.rejects == reference.rejects)
        #expect(run.summary.rowsRead == 60_000)
        #expect(run.summary.rowsRejected == reference.summary.rowsRejected && run.summary.rowsRejected > 0)
    }
}
