/// The customers of one file that the committed history does not know, each with the last row it appeared on.
/// Their ids live in the session's `FileAssignments`; this table keeps only hash slots and row numbers.
struct NewCustomerTable {
    private var slots = HashSlots()
    /// First row of each new customer (where its id is stored).
    private(set) var firstRows: [Int] = []
    /// Last row of each new customer so far.
    private(set) var lastRows: [Int] = []

    /// Number of new customers.
    var count: Int { firstRows.count }

    /// The number of the new customer whose id is `key`, or nil.
    @inline(__always)
    func find(_ key: UnsafeRawBufferPointer, hash: UInt64, in keys: KeyList) -> Int? {
        slots.find(hash: hash) { customer in keys.key(at: firstRows[customer], equals: key) }
    }

    /// Loads the home slots of `hashes` into the cache (see `HashSlots.homeEntries`); returns a value derived
    /// from the loads.
    func warm(_ hashes: UnsafeBufferPointer<UInt64>, scratch: UnsafeMutableBufferPointer<Int>) -> UInt64 {
        slots.homeEntries(hashes, into: scratch)
        return scratch.reduce(0) { $0 &+ UInt64(bitPattern: Int64($1)) }
    }

    /// The hash-slot words of the new customers as entries of a table whose first new entry is `firstEntry`, in
    /// home-slot order (see `HashSlots.words(entryOffset:)`): customer `n` becomes entry `firstEntry + n`.
    func slotWords(firstEntry: Int) -> [UInt64] {
        slots.words(entryOffset: firstEntry)
    }

    /// Adds a customer first seen on `row`; returns its number.
    @inline(__always)
    mutating func insert(hash: UInt64, row: Int) -> Int {
        let customer = firstRows.count
        firstRows.append(row)
        lastRows.append(row)
        slots.insert(hash: hash, entry: customer)
        return customer
    }

    /// Records that `customer` appeared again on `row`.
    @inline(__always)
    mutating func setLastRow(_ row: Int, of customer: Int) {
        lastRows[customer] = row
    }
}
