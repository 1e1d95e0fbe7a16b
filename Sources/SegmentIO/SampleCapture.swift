import SegmentCore
import Synchronization

/// What the scoring loop keeps of a file for the daemon's reservoir (`ReservoirStore` in the scoring host): every
/// scored row draws a uniform random key, and the rows with the `capacity` smallest keys below `threshold` are
/// copied out with their keys.
///
/// Why keys and not a classic reservoir (Algorithm R): a key is a property of the row alone, so the rows of many
/// files, scored in parallel pieces and on different days, merge into one sample by keeping the smallest keys, and
/// the rows whose key is below any threshold are an exact Bernoulli sample of everything scored (priority sampling).
/// Only rows whose key beats the running bound are copied: after the first few thousand rows of a day that is a
/// handful per chunk, so the loop's added cost is one random number and one comparison per row.
package struct SampleCapture: Sendable, Equatable {
    /// The most rows kept from the file (the reservoir's rows per day: a file never adds more to its day).
    package var capacity: Int
    /// Rows whose key is not below this are not kept (the day's largest kept key once its keep-set is full; the
    /// rows above it would be dropped at once). Infinity keeps the `capacity` smallest keys of the file.
    package var threshold: Double
    /// Seeds the keys; nil draws a seed from the system's generator (the daemon). Tests fix it.
    package var seed: UInt64?

    package init(capacity: Int, threshold: Double = .infinity, seed: UInt64? = nil) {
        self.capacity = capacity
        self.threshold = threshold
        self.seed = seed
    }
}

/// The rows a file contributed to the reservoir: at most ``SampleCapture/capacity``, the smallest keys first.
package struct CapturedSample: Sendable, Equatable {
    /// Each kept row's key, in (0, 1], ascending.
    package var keys: [Double]
    /// Row-major values, `keys.count` rows of ``width`` values in the scorer's input-column order, as parsed: NaN
    /// where the input was blank or null (training imputes it as it does for a file).
    package var values: [Double]
    /// Values per row: the scorer's input columns.
    package var width: Int

    package init(keys: [Double], values: [Double], width: Int) {
        self.keys = keys
        self.values = values
        self.width = width
    }

    /// Number of rows.
    package var count: Int { keys.count }

}

/// The file's sample while it is scored: the candidate rows of every piece, compacted to the `capacity` smallest
/// keys whenever twice that many have gathered, and the bound (the `capacity`-th smallest key gathered so far, or
/// the capture's threshold) that pieces read without a lock to drop rows that cannot make it.
///
/// Why one sample for the file rather than one per piece: a piece alone would have to keep `capacity` rows before
/// its own bound dropped, so 32 pieces would copy 32 times as many rows and hold as many in memory; with a shared
/// bound the file copies about `capacity` x (1 + ln(rows / capacity)) rows in all.
final class FileSampler: Sendable {
    let capacity: Int
    let width: Int
    /// The bound's bit pattern (keys are positive, so their bit patterns order as they do).
    private let boundBits: Atomic<UInt64>
    private let gathered: Mutex<(keys: [Double], values: [Double])>

    init(capture: SampleCapture, width: Int) {
        capacity = max(capture.capacity, 0)
        self.width = width
        boundBits = Atomic((capacity == 0 ? 0 : min(capture.threshold, 2)).bitPattern)
        gathered = Mutex(([], []))
    }

    /// Rows with a key at or above this cannot be among the file's `capacity` smallest.
    @inline(__always)
    var bound: Double { Double(bitPattern: boundBits.load(ordering: .relaxed)) }

    /// Adds a piece's candidates (`keys.count` rows of `width` values).
    func add(keys: [Double], values: [Double]) {
        gathered.withLock { gathered in
            let bound = self.bound
            for (index, key) in keys.enumerated() where key < bound {
                gathered.keys.append(key)
                gathered.values.append(contentsOf: values[index * width..<(index + 1) * width])
            }
            guard gathered.keys.count >= 2 * capacity else { return }
            let cut = gathered.keys.sorted()[capacity - 1]
            var kept = 0
            for index in gathered.keys.indices where gathered.keys[index] <= cut {
                gathered.keys[kept] = gathered.keys[index]
                for column in 0..<width {
                    gathered.values[kept * width + column] = gathered.values[index * width + column]
                }
                kept += 1
            }
            gathered.keys.removeLast(gathered.keys.count - kept)
            gathered.values.removeLast(gathered.values.count - kept * width)
            // Every row still to come must beat the capacity-th smallest key kept.
            boundBits.min(cut.bitPattern, ordering: .relaxed)
        }
    }

    /// The `capacity` smallest keys gathered, ascending, with their rows.
    func result() -> CapturedSample {
        gathered.withLock { gathered in
            let order = gathered.keys.indices.sorted { gathered.keys[$0] < gathered.keys[$1] }.prefix(capacity)
            var values: [Double] = []
            values.reserveCapacity(order.count * width)
            for index in order { values.append(contentsOf: gathered.values[index * width..<(index + 1) * width]) }
            return CapturedSample(keys: order.map { gathered.keys[$0] }, values: values, width: width)
        }
    }
}

/// One scoring piece's part of the file's sample: draws every row's key and keeps, in a small buffer handed to the
/// ``FileSampler`` when full, the rows whose key beats the file's bound. A piece is scored by one thread at a time,
/// so this needs no lock; the random state sits behind a pointer so the per-row path makes no exclusivity check.
final class PieceSampler: @unchecked Sendable {
    private let generator: UnsafeMutablePointer<SeededGenerator>
    private let file: FileSampler
    private var keys: [Double] = []
    private var values: [Double] = []
    /// Rows buffered before they are handed over.
    private static let batch = 64

    init(file: FileSampler, seed: UInt64) {
        self.file = file
        generator = .allocate(capacity: 1)
        generator.initialize(to: SeededGenerator(seed: seed))
    }

    deinit {
        generator.deinitialize(count: 1)
        generator.deallocate()
    }

    /// Draws the row's key and keeps the row if the key beats the file's bound. `row` is the parsed values, before
    /// the scorer overwrites them.
    @inline(__always)
    func offer(_ row: UnsafeMutableBufferPointer<Double>) {
        // A key in (0, 1]: 53 random bits, never 0.
        let key = Double((generator.pointee.next() >> 11) &+ 1) * 0x1p-53
        guard key < file.bound else { return }
        keep(key, row)
    }

    @inline(never)
    private func keep(_ key: Double, _ row: UnsafeMutableBufferPointer<Double>) {
        keys.append(key)
        values.append(contentsOf: row.prefix(file.width))
        if keys.count >= Self.batch { flush() }
    }

    /// Hands the buffered rows to the file's sample.
    func flush() {
        guard !keys.isEmpty else { return }
        file.add(keys: keys, values: values)
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}
