extension CustomerTable {
    /// Where the next appended customers go: the entry number and id-byte offset of the first one.
    struct AppendBase: Sendable, Equatable {
        var entries: Int
        var keyBytes: Int
    }

    /// New customers made ready to be appended to the table as it was when they were prepared, away from it: their
    /// id bytes, entries, and the table's hash slots with theirs added. Appending them is then copies and a swap.
    struct PreparedAppend: Sendable {
        let base: AppendBase
        let keys: [UInt8]
        let entries: [UInt64]
        let slots: HashSlots

        /// Prepares `count` customers (absent from `table` and distinct), customer `i` with id `keyAt(i)` and
        /// segment `segmentAt(i)`, to be appended to `table`; `orderedWords` are their hash-slot words, customer `i`
        /// as entry `table.count + i`, in home-slot order (`HashSlots.orderedByHome`, or a table's slot order).
        init(
            to table: CustomerTable, count: Int, keyAt: (Int) -> UnsafeRawBufferPointer, segmentAt: (Int) -> UInt16,
            orderedWords: [UInt64]
        ) {
            let base = table.appendBase
            self.base = base
            var keyBytes = 0
            for index in 0..<count { keyBytes += keyAt(index).count }
            keys = [UInt8](unsafeUninitializedCapacity: keyBytes) { buffer, initialized in
                var end = 0
                for index in 0..<count {
                    let key = keyAt(index)
                    if let source = key.baseAddress, !key.isEmpty {
                        UnsafeMutableRawPointer(buffer.baseAddress! + end).copyMemory(
                            from: source, byteCount: key.count)
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
            slots = table.slots(adding: orderedWords)
        }

        /// Prepares customers whose ids are `keys`, id `i` ending at `keyEnds[i]`, with segments `segments`: the
        /// arrays are taken as they are (no copy while nobody changes them).
        init(to table: CustomerTable, keys: [UInt8], keyEnds: [Int], segments: [UInt16], orderedWords: [UInt64]) {
            precondition(
                keyEnds.count == segments.count && keyEnds.last ?? 0 == keys.count, "ids and segments disagree")
            let base = table.appendBase
            self.base = base
            self.keys = keys
            entries = [UInt64](unsafeUninitializedCapacity: keyEnds.count) { buffer, initialized in
                for index in keyEnds.indices {
                    buffer[index] = UInt64(base.keyBytes + keyEnds[index]) | (UInt64(segments[index]) << 48)
                }
                initialized = keyEnds.count
            }
            slots = table.slots(adding: orderedWords)
        }
    }

    /// Where customers appended now would go.
    var appendBase: AppendBase { AppendBase(entries: count, keyBytes: keyByteCount) }

    /// Appends customers prepared for this table's current `appendBase`.
    /// - Precondition: `prepared.base == appendBase`.
    mutating func append(_ prepared: PreparedAppend) {
        precondition(prepared.base == appendBase, "customers prepared for another state of the table")
        appendPrepared(keys: prepared.keys, entries: prepared.entries, slots: prepared.slots)
    }
}
