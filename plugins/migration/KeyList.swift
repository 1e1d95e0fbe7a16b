/// Customer ids, in order, as one byte array plus the end offset of each id: no String per id.
struct KeyList {
    /// The ids' bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// `ends[i]` is the offset just past id `i` in `bytes`.
    private(set) var ends: [Int] = []

    /// Number of ids.
    var count: Int { ends.count }

    /// Reserves room for `count` ids of `keyBytes` bytes in total.
    mutating func reserve(count: Int, keyBytes: Int) {
        ends.reserveCapacity(count)
        bytes.reserveCapacity(keyBytes)
    }

    /// Appends one id.
    @inline(__always)
    mutating func append(_ key: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: key)
        ends.append(bytes.count)
    }

    /// Offset of id `index` in `bytes`.
    @inline(__always)
    func start(of index: Int) -> Int { index == 0 ? 0 : ends[index - 1] }

    /// Calls `body` with the bytes of id `index`.
    @inline(__always)
    func withKey<Result>(at index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let start = start(of: index)
        let end = ends[index]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Whether id `index` equals `key`.
    @inline(__always)
    func key(at index: Int, equals key: UnsafeRawBufferPointer) -> Bool {
        let start = start(of: index)
        guard ends[index] - start == key.count else { return false }
        guard let other = key.baseAddress else { return true }
        return bytes.withUnsafeBytes { mine in
            guard let base = mine.baseAddress else { return false }
            return CustomerKey.equal(base + start, other, count: key.count)
        }
    }
}
