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
        let keys: [UInt8]
        let entries: [UInt64]
        let orderedWords: [UInt64]

        /// Prepares `count` customers (absent from the table and distinct), customer `i` with id `keyAt(i)` and
        /// segment `segmentAt(i)`, to be appended at `base`; `orderedWords` are their hash-slot words, customer `i`
        /// as entry `base.entries + i`, in home-slot order (`HashSlots.orderedByHome`, or a table's slot order).
        init(base: AppendBase, count: Int, keyAt: (Int) -> UnsafeRawBufferPointer, segmentAt: (Int) -> UInt16,
             orderedWords: [UInt64]) {
            self.base = base
            var keyBytes = 0
            for index in 0..<count { keyBytes += keyAt(index).count }
            keys = [UInt8](unsafeUninitializedCapacity: keyBytes) { buffer, initialized in
                var end = 0
                for index in 0..<count {
                    let key = keyAt(index)
                    if let source = key.baseAddress, !key.isEmpty {
                        UnsafeMutableRawPointer(buffer.baseAddress! + end).copyMemory(from: source, byteCount: key.count)
                    }
                    end += key.count
                }
                initialized = end
            }
            entries = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
                var end = base.keyBytes
                for index in 0..<count {
                    end += keyAt(index).count
                    buffer[index] = UInt64(end) | (UInt64(segmentAt(index)) << 48)
                }
                initialized = count
            }
            self.orderedWords = orderedWords
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
