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

    /// Whether the consumer has work that must see the pieces one at a time and in file order (the plugins).
    var hasOrderedStep: Bool { get }
    /// The in-order work on piece `piece` of `chunk`, processed into `set`, whose first line is `firstLine`. Runs
    /// after the piece and every piece before it were processed and had their ordered steps, never concurrently
    /// with itself, on whichever worker is free.
    func orderedStep(piece: Int, of chunk: Chunk, set: Int, firstLine: Int) throws(RecordError)
    /// Work that follows `orderedStep` on the same piece, on the same thread; may run while the ordered step of
    /// a later piece runs on another thread.
    func afterOrderedStep(piece: Int, of chunk: Chunk, set: Int)
}

extension ChunkConsumer {
    var hasOrderedStep: Bool { false }
    func orderedStep(piece: Int, of chunk: Chunk, set: Int, firstLine: Int) throws(RecordError) {}
    func afterOrderedStep(piece: Int, of chunk: Chunk, set: Int) {}
}

/// Streams a file through a consumer with bounded memory, overlapping I/O with parsing.
///
/// Two chunks alternate. While the pieces of chunk k are processed in parallel, one extra task writes out the
/// results of chunk k − 1 and reads chunk k + 1 into the buffer k − 1 used. A consumer's ordered step follows each
/// piece of chunk k as soon as that piece and all before it are done, run by whichever worker finished last, so
/// serial work overlaps the parallel pieces instead of waiting for the whole chunk. Results stay in file order,
/// and nothing depends on which thread ran what.
enum ChunkPipeline {
    /// Runs `consumer` over every chunk, starting with the already filled `first`.
    /// - Parameter afterChunk: called on the calling thread after each chunk is processed, with its result set.
    static func run<Consumer: ChunkConsumer>(
        reader: ChunkReader, first: Chunk, consumer: Consumer,
        afterChunk: (Chunk, Int) -> Void
    ) throws(RecordError) {
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
            let sequence =
                consumer.hasOrderedStep
                ? PieceSequence(pieceCount: chunk.pieceCount, firstLine: chunk.firstLine) : nil
            // One worker per core, each taking the next task until none is left: task 0 (the I/O) first, then the
            // pieces in order. Asking Dispatch for one iteration per task instead would run a worker more than
            // there are cores when the caller is not one of Dispatch's threads (the daemon's job threads).
            DispatchQueue.concurrentPerform(iterations: min(Self.cores, chunk.pieceCount + 1)) { _ in
                while true {
                    let task = tasks.next()
                    guard task <= chunk.pieceCount else { return }
                    guard task == 0 else {
                        consumer.process(piece: task - 1, of: chunk, set: currentSet)
                        if let sequence {
                            runOrderedSteps(
                                sequence, done: task - 1, chunk: chunk, set: currentSet,
                                consumer: consumer, failure: failure)
                        }
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
    /// Marks `done` processed, then runs every ordered step that is due while this thread holds the turn; each
    /// piece's `afterOrderedStep` follows once the turn is handed back, so the next ordered step can start meanwhile.
    private static func runOrderedSteps<Consumer: ChunkConsumer>(
        _ sequence: PieceSequence, done: Int, chunk: Chunk, set: Int, consumer: Consumer, failure: FailureBox
    ) {
        sequence.markProcessed(done)
        while let turn = sequence.takeTurn() {
            var failed = false
            if !turn.skip {
                do throws(RecordError) {
                    try consumer.orderedStep(piece: turn.piece, of: chunk, set: set, firstLine: turn.firstLine)
                } catch {
                    failure.error = error
                    failed = true
                }
            }
            sequence.endTurn(lines: consumer.lines(piece: turn.piece, set: set), failed: failed)
            if !turn.skip && !failed { consumer.afterOrderedStep(piece: turn.piece, of: chunk, set: set) }
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

/// Carries an error out of a parallel task; the first one set wins.
private final class FailureBox: @unchecked Sendable {
    private let lock = Mutex<RecordError?>(nil)

    var error: RecordError? {
        get { lock.withLock { $0 } }
        set { lock.withLock { if $0 == nil { $0 = newValue } } }
    }
}

/// Hands out the ordered steps of one chunk's pieces: piece n's step is due once pieces 0…n were processed and
/// the steps before it are done, and only one thread holds the turn at a time. After a failed step the rest are
/// skipped (handed out with `skip`, so the bookkeeping still reaches the end).
private final class PieceSequence: Sendable {
    private struct State {
        var processed: [Bool]
        var next = 0
        var firstLine: Int
        var turnTaken = false
        var failed = false
    }

    private let state: Mutex<State>

    init(pieceCount: Int, firstLine: Int) {
        state = Mutex(State(processed: Array(repeating: false, count: pieceCount), firstLine: firstLine))
    }

    func markProcessed(_ piece: Int) {
        state.withLock { $0.processed[piece] = true }
    }

    /// The next due step, now owned by the caller until `endTurn`; nil when none is due or another thread holds
    /// the turn (that thread looks again before it lets go).
    func takeTurn() -> (piece: Int, firstLine: Int, skip: Bool)? {
        state.withLock { state in
            guard !state.turnTaken, state.next < state.processed.count, state.processed[state.next] else { return nil }
            state.turnTaken = true
            return (state.next, state.firstLine, state.failed)
        }
    }

    /// Ends the turn on the current piece, which holds `lines` line feeds.
    func endTurn(lines: Int, failed: Bool) {
        state.withLock { state in
            state.next += 1
            state.firstLine += lines
            state.failed = state.failed || failed
            state.turnTaken = false
        }
    }
}
