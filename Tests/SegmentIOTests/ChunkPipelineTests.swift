import Glibc
import Synchronization
import Testing
@testable import SegmentIO

@Suite("Chunk pipeline")
struct ChunkPipelineTests {
    /// Records every call; pieces finish in a shuffled order (a pseudo-random pause each), and the ordered step
    /// checks that the line it is told is the line number written at the start of its piece.
    final class RecordingConsumer: ChunkConsumer, @unchecked Sendable {
        struct Calls {
            var lines: [[Int]] = [[], []]
            var ordered: [Int] = []
            var after: [Int] = []
            var wrongLines: [String] = []
            var concurrentOrderedSteps = 0
            var processed = 0
        }

        let calls = Mutex(Calls())
        let inOrderedStep = Atomic<Int>(0)
        let failOnStep: Int?

        init(failOnStep: Int? = nil) { self.failOnStep = failOnStep }

        func process(piece: Int, of chunk: Chunk, set: Int) {
            let range = chunk.piece(piece)
            let lines = UnsafeBufferPointer(start: chunk.base + range.lowerBound, count: range.count)
                .count(where: { $0 == UInt8(ascii: "\n") })
            usleep(UInt32((piece * 7_919 + chunk.fileOffset) % 5) * 200)
            calls.withLock { calls in
                if calls.lines[set].count < chunk.pieceCount {
                    calls.lines[set] = Array(repeating: 0, count: chunk.pieceCount)
                }
                calls.lines[set][piece] = lines
                calls.processed += 1
            }
        }

        func lines(piece: Int, set: Int) -> Int { calls.withLock { $0.lines[set][piece] } }

        func finish(_ chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError) {}

        var hasOrderedStep: Bool { true }

        func orderedStep(piece: Int, of chunk: Chunk, set: Int, firstLine: Int) throws(RecordError) {
            if inOrderedStep.wrappingAdd(1, ordering: .sequentiallyConsistent).newValue > 1 {
                calls.withLock { $0.concurrentOrderedSteps += 1 }
            }
            defer { inOrderedStep.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
            usleep(100)
            let range = chunk.piece(piece)
            let position = chunk.fileOffset + range.lowerBound
            let step = calls.withLock { calls in
                calls.ordered.append(position)
                if !range.isEmpty {
                    let text = String(
                        decoding: UnsafeBufferPointer(
                            start: chunk.base + range.lowerBound,
                            count: min(range.count, 12)), as: UTF8.self)
                    let written = Int(text.prefix { $0 != "\n" }.dropFirst(1)) ?? -1
                    if written != firstLine {
                        calls.wrongLines.append("piece at \(position): told \(firstLine), wrote \(written)")
                    }
                }
                return calls.ordered.count
            }
            if step == failOnStep { throw RecordError(.ioFailure, path: "test", "step \(step) fails") }
        }

        func afterOrderedStep(piece: Int, of chunk: Chunk, set: Int) {
            let position = chunk.fileOffset + chunk.piece(piece).lowerBound
            calls.withLock { $0.after.append(position) }
        }
    }

    /// Lines `L1` … `L<count>`.
    private func run(_ consumer: RecordingConsumer, lines count: Int) throws(RecordError) {
        let directory = TemporaryDirectory()
        let path = directory.file("lines.txt", (1...count).map { "L\($0)\n" }.joined())
        let reader = ChunkReader(
            file: try InputFile(path: path), quoteAware: false, chunkBytes: 4096,
            maxRecordBytes: 1 << 20, piecesPerChunk: 8)
        let first = Chunk(capacity: reader.chunkBytes)
        try reader.fill(first, after: nil, limit: 1000)
        try ChunkPipeline.run(reader: reader, first: first, consumer: consumer) { _, _ in }
    }

    @Test func orderedStepsSeeEveryPieceOnceInFileOrderWithItsFirstLine() throws {
        let consumer = RecordingConsumer()
        try run(consumer, lines: 20_000)
        let calls = consumer.calls.withLock { $0 }
        #expect(calls.ordered.count > 100, "many chunks of 8 pieces")
        #expect(calls.ordered == calls.ordered.sorted())
        #expect(calls.ordered.count == calls.processed, "one ordered step per piece processed")
        #expect(calls.after.sorted() == calls.ordered, "each ordered step is followed by its after-step")
        #expect(calls.wrongLines == [])
        #expect(calls.concurrentOrderedSteps == 0)
    }

    @Test func aFailedOrderedStepStopsTheRunAndSkipsTheStepsAfterIt() {
        let consumer = RecordingConsumer(failOnStep: 5)
        #expect(throws: RecordError.self) { try run(consumer, lines: 20_000) }
        let calls = consumer.calls.withLock { $0 }
        #expect(calls.ordered.count == 5)
        #expect(calls.after.count == 4, "no after-step for the failed piece")
    }
}
