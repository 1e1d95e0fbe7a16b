extension CustomerTable {
    /// Where the next appended customers go: the entry number and id-byte offset of the first one.
    struct AppendBase: Sendable, Equatable {
        var entries: Int
        var keyBytes: Int
    }

    /// New customers made ready to be appended at a known `AppendBase`, away from the table: their id bytes,
    /// entries and hash-slot words already in home-slot order. Appending them is then copies and one sweep.
    struct PreparedAppend: Sendable {
        let base: AppendBase
        var keys: [UInt8] = []
        var entries: [UInt64] = []
        var orderedWords: [UInt64] = []

        /// Prepares `count` customers (absent from the table and distinct), customer `i` with id `keyAt(i)` and
        /// segment `segmentAt(i)`, to be appended at `base`.
        init(base: AppendBase, count: Int, keyAt: (Int) -> UnsafeRawBufferPointer, segmentAt: (Int) -> UInt16) {
            self.base = base
            entries.reserveCapacity(count)
            var words: [UInt64] = []
            words.reserveCapacity(count)
            for index in 0..<count {
                let key = keyAt(index)
                keys.append(contentsOf: key)
                entries.append(UInt64(base.keyBytes + keys.count) | (UInt64(segmentAt(index)) << 48))
                words.append((CustomerKey.hash(key) & 0xFFFF_FFFF_0000_0000) | UInt64(base.entries + index + 1))
            }
            orderedWords = HashSlots.orderedByHome(words)
        }
    }

    /// Where customers appended now would go.
    var appendBase: AppendBase { AppendBase(entries: count, keyBytes: keyByteCount) }

    /// Appends customers prepared for this table's current `appendBase`.
    /// - Precondition: `prepared.base == appendBase`.
    mutating func append(_ prepared: PreparedAppend) {
        precondition(prepared.base == appendBase, "customers prepared for another state of the table")
        appendPrepared(keys: prepared.keys, entries: prepared.entries, orderedWords: prepared.orderedWords)
    }
}
