import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Work done on the chunks of one file by `ChunkPipeline`.
protocol ChunkConsumer: AnyObject, Sendable {
    /// Processes piece `piece` of `chunk` into result set `set` (0 or 1). Called in parallel for different pieces.
    func process(piece: Int, of chunk: Chunk, set: Int)
    /// Line feeds in piece `piece` of the chunk last processed into `set`.
    func lines(piece: Int, set: Int) -> Int
    /// Hands on the results of `chunk` held in `set`, in file order. `pieceFirstLines` gives each piece's first line.
    /// Never runs concurrently with itself, but may run while the other set is being processed.
    func finish(_ chunk: Chunk, set: Int, pieceFirstLines: [Int]) throws(RecordError)
}

/// Streams a file through a consumer with bounded memory, overlapping I/O with parsing.
///
/// Two chunks alternate. While the pieces of chunk k are processed in parallel, one extra task writes out the
/// results of chunk k − 1 and reads chunk k + 1 into the buffer k − 1 used. Results stay in file order, and
/// nothing depends on which thread ran what.
enum ChunkPipeline {
    /// Runs `consumer` over every chunk, starting with the already filled `first`.
    /// - Parameter afterChunk: called on the calling thread after each chunk is processed, with its result set.
    static func run<Consumer: ChunkConsumer>(reader: ChunkReader, first: Chunk, consumer: Consumer,
                                             afterChunk: (Chunk, Int) -> Void) throws(RecordError) {
        let chunks = [first, Chunk(capacity: first.capacity)]
        var current = 0
        var previousFirstLines: [Int]?
        while true {
            let chunk = chunks[current]
            let spare = chunks[1 - current]
            let spareSet = 1 - current
            let currentSet = current
            let failure = FailureBox()
            let finishing = previousFirstLines
            let tasks = TaskCounter()
            // One worker per core, each taking the next task until none is left: task 0 (the I/O) first, then the
            // pieces in order. Asking Dispatch for one iteration per task instead would run a worker more than
            // there are cores when the caller is not one of Dispatch's threads (the daemon's job threads).
            DispatchQueue.concurrentPerform(iterations: min(Self.cores, chunk.pieceCount + 1)) { _ in
                while true {
                    let task = tasks.next()
                    guard task <= chunk.pieceCount else { return }
                    guard task == 0 else {
                        consumer.process(piece: task - 1, of: chunk, set: currentSet)
                        continue
                    }
                    do throws(RecordError) {
                        if let finishing { try consumer.finish(spare, set: spareSet, pieceFirstLines: finishing) }
                        if !chunk.isLast { try reader.fill(spare, after: chunk) }
                    } catch {
                        failure.error = error
                    }
                }
            }
            if let error = failure.error { throw error }
            var line = chunk.firstLine
            var firstLines: [Int] = []
            firstLines.reserveCapacity(chunk.pieceCount)
            for piece in 0..<chunk.pieceCount {
                firstLines.append(line)
                line += consumer.lines(piece: piece, set: currentSet)
            }
            afterChunk(chunk, currentSet)
            if chunk.isLast {
                try consumer.finish(chunk, set: currentSet, pieceFirstLines: firstLines)
                return
            }
            spare.firstLine = line
            previousFirstLines = firstLines
            current = 1 - current
        }
    }
}

extension ChunkPipeline {
    /// Processors online, at least 1.
    static let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

/// Hands out task numbers 0, 1, 2, … to the workers of one chunk, each number once.
private final class TaskCounter: Sendable {
    private let counter = Atomic<Int>(0)

    func next() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}

/// Carries an error out of a parallel task.
private final class FailureBox: @unchecked Sendable {
    var error: RecordError?
}
