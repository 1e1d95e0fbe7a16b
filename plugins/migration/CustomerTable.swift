/// The latest segment of every committed customer, in memory: the state each new file is compared against.
///
/// Per customer it holds one 8-byte entry (the end of its id in `keys` in the low 48 bits, its segment code in
/// the high 16), the id's bytes in `keys`, and 8 bytes of hash slots at a load of 3/8 to 3/4: about
/// 19–30 bytes plus the id's length. Entries are only ever appended, so an entry number stays valid for the
/// life of the table. A value type: `MigrationState` guards the shared copy and hands readers a copy for one
/// batch (no array is copied unless written while read).
struct CustomerTable {
    private static let endMask: UInt64 = (1 << 48) - 1

    private var slots: HashSlots
    private var entries: [UInt64] = []
    private var keys: [UInt8] = []
    /// Accumulates values loaded by `warm`, so the compiler cannot drop those loads.
    var warmSink: UInt64 = 0

    /// An empty table with room for `customers` customers whose ids take `keyBytes` bytes.
    init(reservingCustomers customers: Int = 0, keyBytes: Int = 0) {
        slots = HashSlots(minimumCount: customers)
        entries.reserveCapacity(customers)
        keys.reserveCapacity(keyBytes)
    }

    /// Number of customers.
    var count: Int { entries.count }

    /// Bytes the table's arrays take (their capacity, not only what they hold).
    var residentBytes: Int { slots.byteCount + entries.capacity * 8 + keys.capacity }

    /// Bytes of all customer ids.
    var keyByteCount: Int { keys.count }

    /// This table's hash slots with `orderedWords` added (in home-slot order, see `HashSlots.insertOrdered`); the
    /// table itself is left as it is, so this can run on another thread while the table is read.
    func slots(adding orderedWords: [UInt64]) -> HashSlots {
        var grown = slots
        grown.insertOrdered(orderedWords)
        return grown
    }

    /// Appends ready-made ids and entries (their id ends already offset by `keyByteCount`), and takes `newSlots`,
    /// made by `slots(adding:)` from the table as it is, as the hash slots.
    mutating func appendPrepared(keys newKeys: [UInt8], entries newEntries: [UInt64], slots newSlots: HashSlots) {
        // An empty table (the first file of a history) takes the arrays as they are instead of copying them.
        if keys.isEmpty { keys = newKeys } else { keys.append(contentsOf: newKeys) }
        if entries.isEmpty { entries = newEntries } else { entries.append(contentsOf: newEntries) }
        slots = newSlots
    }

    /// Makes room for `additional` more customers without growing the hash slots on the way.
    mutating func reserve(additional: Int) {
        guard additional > 0 else { return }
        slots.reserve(minimumCount: count + additional)
        entries.reserveCapacity(count + additional)
    }

    /// The entry of the customer whose id is `key` (with `hash` = `CustomerKey.hash(key)`), or nil.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        entries.withUnsafeBufferPointer { entries in
            keys.withUnsafeBytes { keys in
                slots.find(hash: hash) { entry in
                    let end = Int(truncatingIfNeeded: entries[entry] & Self.endMask)
                    let start = entry == 0 ? 0 : Int(truncatingIfNeeded: entries[entry - 1] & Self.endMask)
                    guard end - start == key.count else { return false }
                    guard let stored = keys.baseAddress, let wanted = key.baseAddress else { return true }
                    return CustomerKey.equal(stored + start, wanted, count: key.count)
                }
            }
        }
    }

    /// Loads into the cache what finding `hashes` will read: home slots, then the entries and id bytes they
    /// name, each stage for all hashes at once so the cache misses overlap. `scratch` must hold `hashes.count`
    /// values. Returns a value derived from the loads (so the compiler keeps them).
    func warm(_ hashes: UnsafeBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<Int>) -> UInt64 {
        slots.homeEntries(hashes, into: scratch)
        var sink: UInt64 = 0
        entries.withUnsafeBufferPointer { entries in
            for index in scratch.indices where scratch[index] >= 0 {
                let entry = scratch[index]
                let start = entry == 0 ? 0 : entries[entry - 1] & Self.endMask
                sink &+= entries[entry]
                scratch[index] = Int(truncatingIfNeeded: start)
            }
            keys.withUnsafeBufferPointer { keys in
                for index in scratch.indices where scratch[index] >= 0 && scratch[index] < keys.count {
                    sink &+= UInt64(keys[scratch[index]])
                }
            }
        }
        return sink
    }

    /// Loads the entries named in `targets` (those without `FileWork.newCustomerFlag`) into the cache at once,
    /// before they are updated one by one. Returns a value derived from the loads.
    func warm(entries targets: ArraySlice<UInt32>) -> UInt64 {
        entries.withUnsafeBufferPointer { entries in
            var sink: UInt64 = 0
            for target in targets where target & FileWork.newCustomerFlag == 0 && Int(target) < entries.count {
                sink &+= entries[Int(target)]
            }
            return sink
        }
    }

    /// The segment code of `entry`.
    @inline(__always)
    func segment(of entry: Int) -> UInt16 {
        UInt16(truncatingIfNeeded: entries[entry] >> 48)
    }

    /// Sets the segment code of `entry`.
    @inline(__always)
    mutating func setSegment(_ code: UInt16, of entry: Int) {
        entries[entry] = (entries[entry] & Self.endMask) | (UInt64(code) << 48)
    }

    /// Sets the segment of the customer `key`, adding the customer when unknown; returns its entry.
    @discardableResult
    mutating func upsert(_ key: UnsafeRawBufferPointer, hash: UInt64, segment code: UInt16) -> Int {
        if let entry = find(key, hash: hash) {
            setSegment(code, of: entry)
            return entry
        }
        return append(key, hash: hash, segment: code)
    }

    /// Adds a customer known to be absent; returns its entry.
    @discardableResult
    mutating func append(_ key: UnsafeRawBufferPointer, hash: UInt64, segment code: UInt16) -> Int {
        keys.append(contentsOf: key)
        let entry = entries.count
        entries.append(UInt64(keys.count) | (UInt64(code) << 48))
        slots.insert(hash: hash, entry: entry)
        return entry
    }

    /// Adds `count` customers known to be absent and distinct, customer `i` with id `keyAt(i)` and segment
    /// `segmentAt(i)`, as entries in that order; their hash slots are placed in one sweep (`HashSlots.insertMany`).
    mutating func appendMany(count: Int, keyAt: (Int) -> UnsafeRawBufferPointer, segmentAt: (Int) -> UInt16) {
        var keyBytes = 0
        for index in 0..<count { keyBytes += keyAt(index).count }
        let firstEntry = entries.count
        var end = keys.count
        keys.append(contentsOf: repeatElement(0, count: keyBytes))
        var words = [UInt64](repeating: 0, count: count)
        entries.append(contentsOf: repeatElement(0, count: count))
        keys.withUnsafeMutableBytes { keys in
            entries.withUnsafeMutableBufferPointer { entries in
                words.withUnsafeMutableBufferPointer { words in
                    for index in 0..<count {
                        let key = keyAt(index)
                        if let source = key.baseAddress, !key.isEmpty {
                            (keys.baseAddress! + end).copyMemory(from: source, byteCount: key.count)
                        }
                        end += key.count
                        entries[firstEntry + index] = UInt64(end) | (UInt64(segmentAt(index)) << 48)
                        words[index] = (CustomerKey.hash(key) & 0xFFFF_FFFF_0000_0000) | UInt64(firstEntry + index + 1)
                    }
                }
            }
        }
        slots.insertMany(words)
    }

    /// Calls `body` with the id of every customer in `range` of entries, and its segment code, in entry order.
    func forEach(in range: Range<Int>, _ body: (UnsafeRawBufferPointer, UInt16) -> Void) {
        entries.withUnsafeBufferPointer { entries in
            keys.withUnsafeBytes { keys in
                for entry in range {
                    let end = Int(truncatingIfNeeded: entries[entry] & Self.endMask)
                    let start = entry == 0 ? 0 : Int(truncatingIfNeeded: entries[entry - 1] & Self.endMask)
                    body(
                        UnsafeRawBufferPointer(rebasing: keys[start..<end]),
                        UInt16(truncatingIfNeeded: entries[entry] >> 48))
                }
            }
        }
    }
}
