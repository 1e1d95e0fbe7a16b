/// Seeded uniform sampling of row indices without replacement.
enum RowSampling {
    /// `sampleSize` distinct indices from `0..<count`, ascending, drawn with Knuth's selection sampling
    /// (Algorithm S) from a generator seeded with `seed`; all of `0..<count` when `sampleSize >= count`.
    static func indices(count: Int, sampleSize: Int, seed: UInt64) -> [Int] {
        precondition(count >= 0 && sampleSize >= 0, "Counts must not be negative")
        guard sampleSize < count else { return Array(0..<count) }
        var generator = SeededGenerator(seed: seed)
        var selected = [Int]()
        selected.reserveCapacity(sampleSize)
        for index in 0..<count where selected.count < sampleSize {
            // Keep index with probability (still needed) / (still available).
            if generator.nextInt(below: count - index) < sampleSize - selected.count {
                selected.append(index)
            }
        }
        return selected
    }
}
