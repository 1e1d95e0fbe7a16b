/// Customer ids as the exact bytes of their UTF-8 text, and the 64-bit hash every table of this plugin uses.
///
/// Customers are the same exactly when these bytes are: no normalisation (letter case, Unicode forms such as `é`
/// and `e` + U+0301, `2` and `2.0` stay distinct), and no `String ==`, which would merge canonically equivalent ids.
/// The host's reader rejects ids that are not valid UTF-8 before any plugin sees them, so a lossy decode can never
/// give two input ids the same bytes here.
enum CustomerKey {
    /// Calls `body` with the UTF-8 bytes of `id` without allocating (Swift strings are stored as UTF-8).
    @inline(__always)
    static func withBytes<Result>(of id: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        if let result = id.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = id
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }

    /// A 64-bit hash of `bytes`: eight bytes at a time through a multiply–xorshift mix, then a final avalanche.
    /// Stable across runs and platforms (little-endian loads), though nothing stores it.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
        var offset = 0
        while offset + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 29
            offset += 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(bytes[offset]) << shift
                shift += 8
                offset += 1
            }
            state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
            state ^= state >> 29
        }
        state = (state ^ (state >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        state = (state ^ (state >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return state ^ (state >> 33)
    }

    /// Whether the `count` bytes at `a` and `b` are equal.
    @inline(__always)
    static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        var offset = 0
        while offset + 8 <= count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        while offset < count {
            if a.load(fromByteOffset: offset, as: UInt8.self) != b.load(fromByteOffset: offset, as: UInt8.self) {
                return false
            }
            offset += 1
        }
        return true
    }
}
