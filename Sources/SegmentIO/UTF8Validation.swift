/// Strict UTF-8 (RFC 3629) checks on raw bytes: no overlong forms, no encoded surrogates, nothing above U+10FFFF.
/// A lossy decode would turn every bad byte into U+FFFD, so texts that differ only there would compare equal.
enum UTF8Validation {
    /// Offset just past the multi-byte sequence whose lead byte (0x80 or above) is at `index`, or `nil` when the
    /// bytes there are not a whole, valid sequence before `end`.
    @inline(__always)
    static func sequenceEnd(_ base: UnsafePointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        @inline(__always)
        func follows(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < end && range.contains(base[index + offset])
        }
        switch base[index] {
        case 0xC2...0xDF:
            return follows(1) ? index + 2 : nil
        case 0xE0:
            return follows(1, 0xA0...0xBF) && follows(2) ? index + 3 : nil
        case 0xED:
            return follows(1, 0x80...0x9F) && follows(2) ? index + 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return follows(1) && follows(2) ? index + 3 : nil
        case 0xF0:
            return follows(1, 0x90...0xBF) && follows(2) && follows(3) ? index + 4 : nil
        case 0xF1...0xF3:
            return follows(1) && follows(2) && follows(3) ? index + 4 : nil
        case 0xF4:
            return follows(1, 0x80...0x8F) && follows(2) && follows(3) ? index + 4 : nil
        default:
            return nil
        }
    }

    /// Offset of the first byte of `bytes` that does not begin a valid UTF-8 sequence, or `nil` when all is valid.
    static func firstInvalid(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var index = 0
        while index < bytes.count {
            if base[index] < 0x80 {
                index += 1
            } else if let next = sequenceEnd(base, index, bytes.count) {
                index = next
            } else {
                return index
            }
        }
        return nil
    }
}
