/// Open-addressing slots with linear probing that map a 64-bit key hash to an entry number; the owner keeps the
/// keys and says whether an entry's key matches.
///
/// A slot is 8 bytes: the hash's upper 32 bits and the entry number + 1 (0 = empty). The home slot comes from the
/// hash's top bits, so growing rehashes from the slots alone, without touching any key. The table keeps at most
/// 3/4 of its slots full and doubles beyond that.
struct HashSlots {
    private var slots: [UInt64]
    private var shift: UInt64
    /// Number of entries stored.
    private(set) var count = 0

    /// Bytes the slots take.
    var byteCount: Int { slots.capacity * 8 }

    /// Empty slots with room for `minimumCount` entries before the first growth.
    init(minimumCount: Int = 0) {
        var bits: UInt64 = 4
        while (1 << bits) * 3 / 4 < minimumCount { bits += 1 }
        slots = Array(repeating: 0, count: 1 << Int(bits))
        shift = 64 - bits
    }

    /// The entry among those stored under `hash` for which `matches` is true, or nil.
    @inline(__always)
    func find(hash: UInt64, matches: (Int) -> Bool) -> Int? {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var position = Int(truncatingIfNeeded: hash >> shift)
            while true {
                let slot = slots[position]
                if slot == 0 { return nil }
                if slot & 0xFFFF_FFFF_0000_0000 == tag {
                    let entry = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                    if matches(entry) { return entry }
                }
                position = (position + 1) & mask
            }
        }
    }

    /// For each hash, the entry in its home slot when the slot's tag matches, else −1. The loads of all hashes
    /// are independent, so the processor overlaps their cache misses; the finds that follow then hit the cache.
    func homeEntries(_ hashes: UnsafeBufferPointer<UInt64>, into entries: UnsafeMutableBufferPointer<Int>) {
        slots.withUnsafeBufferPointer { slots in
            for (index, hash) in hashes.enumerated() {
                let slot = slots[Int(truncatingIfNeeded: hash >> shift)]
                let matches = slot != 0 && slot & 0xFFFF_FFFF_0000_0000 == hash & 0xFFFF_FFFF_0000_0000
                entries[index] = matches ? Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1 : -1
            }
        }
    }

    /// Stores `entry` under `hash`; the caller has checked that its key is not stored yet.
    /// - Precondition: `entry` < 2³² − 1.
    mutating func insert(hash: UInt64, entry: Int) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        place((hash & 0xFFFF_FFFF_0000_0000) | UInt64(entry + 1))
        count += 1
    }

    /// Stores many entries at once, as `insert` would one by one: `words[i]` holds the upper 32 bits of an entry's
    /// hash and its entry number + 1, as `insert` makes it. The words are placed in the order of their home slots,
    /// so the table is swept from start to end instead of touched at random: a million new entries cost a
    /// sequential pass instead of a cache and TLB miss each.
    mutating func insertMany(_ words: [UInt64]) {
        insertOrdered(Self.orderedByHome(words))
    }

    /// `words` in the order of their home slots in any table (a counting sort on the top 16 hash bits, which
    /// every table's home slot starts with).
    static func orderedByHome(_ words: [UInt64]) -> [UInt64] {
        let bucketBits = 16
        var starts = [Int](repeating: 0, count: (1 << bucketBits) + 1)
        for word in words { starts[Int(truncatingIfNeeded: word >> UInt64(64 - bucketBits)) + 1] += 1 }
        for bucket in 1..<starts.count { starts[bucket] += starts[bucket - 1] }
        var ordered = [UInt64](repeating: 0, count: words.count)
        ordered.withUnsafeMutableBufferPointer { ordered in
            starts.withUnsafeMutableBufferPointer { starts in
                for word in words {
                    let bucket = Int(truncatingIfNeeded: word >> UInt64(64 - bucketBits))
                    ordered[starts[bucket]] = word
                    starts[bucket] += 1
                }
            }
        }
        return ordered
    }

    /// The stored words (as for `insertMany`) in slot order, each entry number raised by `entryOffset`. Slot order
    /// is home-slot order except for the few words displaced past their home, so `insertOrdered` takes the result
    /// as it is: moving a whole table into another costs no hashing and no sort.
    func words(entryOffset: Int) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(count)
        let offset = UInt64(entryOffset)
        for slot in slots where slot != 0 { words.append(slot &+ offset) }
        return words
    }

    /// Stores entries whose words (as for `insertMany`) are in home-slot order (`orderedByHome`), or nearly:
    /// any order gives the same lookups, but this one sweeps the slots from start to end.
    mutating func insertOrdered(_ ordered: [UInt64]) {
        reserve(minimumCount: count + ordered.count)
        let shift = shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            for word in ordered {
                var position = Int(truncatingIfNeeded: word >> shift)
                while slots[position] != 0 { position = (position + 1) & mask }
                slots[position] = word
            }
        }
        count += ordered.count
    }

    private mutating func place(_ slot: UInt64) {
        let shift = shift
        slots.withUnsafeMutableBufferPointer { slots in
            let mask = slots.count - 1
            var position = Int(truncatingIfNeeded: slot >> shift)
            while slots[position] != 0 { position = (position + 1) & mask }
            slots[position] = slot
        }
    }

    /// Grows (once) to hold `minimumCount` entries without further growth.
    mutating func reserve(minimumCount: Int) {
        var size = slots.count
        while size * 3 / 4 < minimumCount { size *= 2 }
        if size > slots.count { rehash(size: size) }
    }

    private mutating func grow() {
        rehash(size: slots.count * 2)
    }

    private mutating func rehash(size: Int) {
        let old = slots
        slots = Array(repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        for slot in old where slot != 0 { place(slot) }
    }
}
