extension CustomerTable {
    /// Customers handled together by `upsertMany`: their cache lines are loaded at once and stay cached until used.
    static let blockSize = 256

    /// Sets the segment of `count` customers, customer `i` having id `keyAt(i)` and segment `segmentAt(i)`, in
    /// order (a later customer with the same id wins). Works block by block: hashes, warms the cache, then writes,
    /// so the cache misses of a block overlap. With `allAbsent` the caller guarantees that no id is stored yet and
    /// that the ids are distinct, which skips the finds and places all hash slots in one sweep.
    mutating func upsertMany(
        count: Int, allAbsent: Bool, keyAt: (Int) -> UnsafeRawBufferPointer,
        segmentAt: (Int) -> UInt16
    ) {
        if allAbsent { return appendMany(count: count, keyAt: keyAt, segmentAt: segmentAt) }
        var hashes = [UInt64](repeating: 0, count: Self.blockSize)
        var scratch = [Int](repeating: 0, count: Self.blockSize)
        var sink: UInt64 = 0
        var start = 0
        while start < count {
            let block = start..<min(count, start + Self.blockSize)
            for index in block { hashes[index - start] = CustomerKey.hash(keyAt(index)) }
            sink &+= hashes.withUnsafeBufferPointer { hashes in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    warm(
                        UnsafeBufferPointer(rebasing: hashes[..<block.count]),
                        scratch: UnsafeMutableBufferPointer(rebasing: scratch[..<block.count]))
                }
            }
            for index in block { upsert(keyAt(index), hash: hashes[index - start], segment: segmentAt(index)) }
            start = block.upperBound
        }
        warmSink &+= sink
    }
}
