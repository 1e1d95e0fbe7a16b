import SegmentCore

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

    /// The `limit` smallest keys of the pieces' samplers, ascending.
    static func merging(_ samplers: [PieceSampler], limit: Int, width: Int) -> CapturedSample {
        var candidates: [(key: Double, sampler: Int, slot: Int)] = []
        for (index, sampler) in samplers.enumerated() {
            for slot in 0..<sampler.count { candidates.append((sampler.keys[slot], index, slot)) }
        }
        candidates.sort { $0.key < $1.key }
        let kept = candidates.prefix(limit)
        var values: [Double] = []
        values.reserveCapacity(kept.count * width)
        for candidate in kept {
            let start = candidate.slot * width
            values.append(contentsOf: samplers[candidate.sampler].values[start..<start + width])
        }
        return CapturedSample(keys: kept.map(\.key), values: values, width: width)
    }
}

/// One scoring piece's bottom-k sample: a max-heap of the smallest keys seen, with their rows. A piece is scored by
/// one thread at a time, so the sampler needs no lock; the pieces' samplers are merged after the last chunk.
final class PieceSampler: @unchecked Sendable {
    private var generator: SeededGenerator
    private let capacity: Int
    let width: Int
    /// Keys of the kept rows, a max-heap (the largest at 0).
    private(set) var keys: [Double] = []
    /// Row `slot` of the kept rows at `slot * width`; a heap entry's slot is its index in `keys`.
    private(set) var values: [Double] = []
    /// A row is kept only when its key is below this: the capture's threshold, then the heap's largest key once
    /// full.
    private var bound: Double

    init(capture: SampleCapture, width: Int, seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        capacity = max(capture.capacity, 0)
        self.width = width
        bound = capacity == 0 ? -1 : capture.threshold
    }

    var count: Int { keys.count }

    /// Draws the row's key and keeps the row if the key beats the bound. `row` is the parsed values, before the
    /// scorer overwrites them.
    @inline(__always)
    func offer(_ row: UnsafeMutableBufferPointer<Double>) {
        // A key in (0, 1]: 53 random bits, never 0.
        let key = Double((generator.next() >> 11) &+ 1) * 0x1p-53
        guard key < bound else { return }
        keep(key, row)
    }

    private func keep(_ key: Double, _ row: UnsafeMutableBufferPointer<Double>) {
        if keys.count < capacity {
            keys.append(key)
            values.append(contentsOf: row.prefix(width))
            siftUp(keys.count - 1)
            if keys.count == capacity { bound = min(bound, keys[0]) }
            return
        }
        // Replace the largest key (the root) and restore the heap.
        keys[0] = key
        for column in 0..<width { values[column] = row[column] }
        siftDown(0)
        bound = keys[0]
    }

    private func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[child] > keys[parent] else { return }
            swapEntries(child, parent)
            child = parent
        }
    }

    private func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < keys.count else { return }
            var largest = left
            if left + 1 < keys.count, keys[left + 1] > keys[left] { largest = left + 1 }
            guard keys[largest] > keys[parent] else { return }
            swapEntries(parent, largest)
            parent = largest
        }
    }

    private func swapEntries(_ first: Int, _ second: Int) {
        keys.swapAt(first, second)
        for column in 0..<width { values.swapAt(first * width + column, second * width + column) }
    }
}
