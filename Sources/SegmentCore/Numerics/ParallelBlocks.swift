import Dispatch

/// A fixed split of `0..<count` into consecutive blocks of `blockSize` items, and a parallel loop over them.
///
/// The split depends only on `count` and `blockSize`, never on the number of threads, so a computation
/// that keeps one partial result per block and combines them in block order is bit-identical however
/// the blocks were scheduled.
package struct ParallelBlocks: Sendable {
    /// Rows per block used by the numeric kernels unless they need something else.
    static let standardBlockSize = 8192

    let count: Int
    let blockSize: Int

    init(count: Int, blockSize: Int = ParallelBlocks.standardBlockSize) {
        precondition(count >= 0 && blockSize > 0)
        self.count = count
        self.blockSize = blockSize
    }

    /// Number of blocks; zero when `count` is zero.
    var blockCount: Int { (count + blockSize - 1) / blockSize }

    /// Items of block `block`.
    func range(_ block: Int) -> Range<Int> {
        let start = block * blockSize
        return start..<min(start + blockSize, count)
    }

    /// Runs `body(block, range)` for every block, concurrently when there is more than one.
    func forEach(_ body: (_ block: Int, _ range: Range<Int>) -> Void) {
        Self.run(iterations: blockCount) { body($0, range($0)) }
    }

    /// Set by ``serially(_:)``: the loops of this thread run their iterations in order on it.
    @TaskLocal private static var isSerial = false

    /// Runs `work` with every parallel loop it starts on this thread run serially, in order, on this thread: for
    /// background work that must leave the other cores to the work someone waits for (the daemon's retrain
    /// evaluation after a file's manifest, while the next file is scored). The results are the same bits: the
    /// split into blocks does not depend on the threads.
    package static func serially<T>(_ work: () throws -> T) rethrows -> T {
        try $isSerial.withValue(true, operation: work)
    }

    /// Runs `body(i)` for `i` in `0..<iterations`, concurrently when there is more than one (unless inside
    /// ``serially(_:)``).
    ///
    /// `body` is not `@Sendable` so kernels can capture unsafe buffers; every caller must make
    /// iterations write disjoint memory (usually one slot per block) and only read shared inputs.
    package static func run(iterations: Int, _ body: (Int) -> Void) {
        if iterations == 1 {
            body(0)
        } else if iterations > 1, isSerial {
            for iteration in 0..<iterations { body(iteration) }
        } else if iterations > 1 {
            withoutActuallyEscaping(body) { escapableBody in
                nonisolated(unsafe) let work = escapableBody
                DispatchQueue.concurrentPerform(iterations: iterations) { work($0) }
            }
        }
    }
}
