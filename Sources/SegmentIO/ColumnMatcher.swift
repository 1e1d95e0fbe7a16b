/// Finds which wanted column a name from a file refers to, ignoring letter case.
///
/// ASCII names are folded byte by byte with no allocation; names with other characters are lower-cased with
/// Unicode rules, the same rule used for the wanted names, so both paths agree.
struct ColumnMatcher: Sendable {
    private struct Entry: Sendable {
        var hash: UInt64
        var folded: [UInt8]
        var index: Int
    }

    private var table: [Entry?]
    private let mask: Int

    /// - Parameter names: wanted names; `match` returns positions in this array. Later duplicates are ignored.
    init(names: [String]) {
        var size = 8
        while size < names.count * 4 { size *= 2 }
        table = Array(repeating: nil, count: size)
        mask = size - 1
        for (index, name) in names.enumerated() {
            let folded = Array(name.lowercased().utf8)
            let hash = folded.withUnsafeBufferPointer { Self.hash(UnsafeRawBufferPointer($0), fold: false) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            var duplicate = false
            while let entry = table[slot] {
                if entry.folded == folded { duplicate = true; break }
                slot = (slot + 1) & mask
            }
            if !duplicate { table[slot] = Entry(hash: hash, folded: folded, index: index) }
        }
    }

    /// Position in the wanted names of the column spelled by `bytes` (UTF-8), or `nil`.
    func match(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        guard ascii else {
            var lowered = Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
            return lowered.withUnsafeMutableBytes { find(UnsafeRawBufferPointer($0), folded: true) }
        }
        return find(bytes, folded: false)
    }

    /// Position in the wanted names of `name`, or `nil`.
    func match(_ name: String) -> Int? {
        var name = name
        return name.withUTF8 { match(UnsafeRawBufferPointer($0)) }
    }

    private func find(_ bytes: UnsafeRawBufferPointer, folded: Bool) -> Int? {
        let hash = Self.hash(bytes, fold: !folded)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let entry = table[slot] {
            if entry.hash == hash && Self.equal(entry.folded, bytes, fold: !folded) { return entry.index }
            slot = (slot + 1) & mask
        }
        return nil
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 65 < 26 ? byte | 0x20 : byte
    }

    private static func hash(_ bytes: UnsafeRawBufferPointer, fold: Bool) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(fold ? lower(byte) : byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func equal(_ folded: [UInt8], _ bytes: UnsafeRawBufferPointer, fold: Bool) -> Bool {
        guard folded.count == bytes.count else { return false }
        for index in 0..<folded.count where folded[index] != (fold ? lower(bytes[index]) : bytes[index]) {
            return false
        }
        return true
    }
}
