/// The CSV column of each key of a JSONL file being converted, found first by the key's position on its line.
///
/// The lines of a scored file repeat one order of keys, so the key at a position is nearly always the one that
/// position held on the line before: one `memcmp` against it, where a `String` made and hashed for every member
/// was most of a JSONL -> CSV conversion's time.
final class KeyColumns {
    /// Every key met, in the order it first appeared; a key's column is its index here.
    private(set) var names: [String] = []
    private var columns: [String: Int] = [:]
    /// By position on a line: the key (unescaped bytes) last met there, and its column. Unchecked exclusivity: one
    /// thread converts a file, and the dynamic checks of these two were a tenth of the lookups' time.
    @exclusivity(unchecked) private var recentKeys: [[UInt8]] = []
    @exclusivity(unchecked) private var recentColumns: [Int] = []

    /// The column of `key` (its unescaped bytes), met at `position` on its line. A key not met before gets the next
    /// column. Keys that are equal as strings share a column whatever their bytes.
    func column(of key: UnsafeRawBufferPointer, at position: Int) -> Int {
        if position < recentKeys.count, Self.same(recentKeys[position], key) { return recentColumns[position] }
        let name = String(decoding: key, as: UTF8.self)
        let column: Int
        if let known = columns[name] {
            column = known
        } else {
            column = names.count
            columns[name] = column
            names.append(name)
        }
        while recentKeys.count <= position {
            recentKeys.append([])
            recentColumns.append(-1)
        }
        recentKeys[position] = Array(key)
        recentColumns[position] = column
        return column
    }

    private static func same(_ known: [UInt8], _ key: UnsafeRawBufferPointer) -> Bool {
        guard known.count == key.count else { return false }
        guard let keyBytes = key.baseAddress, !known.isEmpty else { return known.isEmpty }
        // Eight bytes at a time, inline: keys are a few dozen bytes, shorter than a call to memcmp is worth.
        return known.withUnsafeBytes { knownBytes in
            guard let knownStart = knownBytes.baseAddress else { return false }
            var index = 0
            while index + 8 <= key.count {
                let left = knownStart.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                guard left == keyBytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) else { return false }
                index += 8
            }
            while index < key.count {
                guard knownBytes[index] == key[index] else { return false }
                index += 1
            }
            return true
        }
    }
}
