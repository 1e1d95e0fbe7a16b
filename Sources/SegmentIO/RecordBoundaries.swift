#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where records end: after a line feed, and for CSV only a line feed outside double quotes.
///
/// Quote state is the parity of the quote characters seen since the record started, so a doubled quote `""` inside a
/// quoted field changes nothing and a record always begins outside quotes. This rule alone decides record extents,
/// whatever the chunking, which keeps the output independent of the chunk size.
enum RecordBoundaries {
    /// The split points of `start..<end`: for each target, the first record start at or after it (or `nil`),
    /// and the offset just after the last record-ending line feed (or `nil` if none).
    struct Split {
        var boundaries: [Int?]
        var lastEnd: Int?
    }

    /// Finds record boundaries in `base[start..<end]`, which starts at a record start.
    /// - Parameter targets: ascending offsets within `start...end`.
    static func split(_ base: UnsafePointer<UInt8>, start: Int, end: Int, targets: [Int], quoteAware: Bool) -> Split {
        if quoteAware, memchr(base + start, Int32(UInt8(ascii: "\"")), end - start) != nil {
            return splitTrackingQuotes(base, start: start, end: end, targets: targets, stopAtLastTarget: false)
        }
        var boundaries: [Int?] = []
        boundaries.reserveCapacity(targets.count)
        for target in targets {
            let from = max(target - 1, start)
            if let found = memchr(base + from, Int32(UInt8(ascii: "\n")), end - from) {
                boundaries.append(UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1)
            } else {
                boundaries.append(nil)
            }
        }
        var lastEnd: Int?
        var index = end
        while index > start {
            index -= 1
            if base[index] == UInt8(ascii: "\n") {
                lastEnd = index + 1
                break
            }
        }
        return Split(boundaries: boundaries, lastEnd: lastEnd)
    }

    /// The end (offset after the line feed) of the record starting at `start`, or `nil` if it does not end before `end`.
    static func recordEnd(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        splitTrackingQuotes(base, start: start, end: end, targets: [start], stopAtLastTarget: true).boundaries[0]
    }

    /// Parity scan that skips eight bytes at a time when they hold nothing that matters in the current state.
    private static func splitTrackingQuotes(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int, targets: [Int], stopAtLastTarget: Bool
    ) -> Split {
        var boundaries = [Int?](repeating: nil, count: targets.count)
        var nextTarget = 0
        var lastEnd: Int?
        var inQuotes = false
        var index = start
        let quotes: UInt64 = 0x2222_2222_2222_2222
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while index < end {
            if index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if !containsByte(word ^ quotes) && (inQuotes || !containsByte(word ^ newlines)) {
                    index += 8
                    continue
                }
            }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: "\n") && !inQuotes {
                let after = index + 1
                lastEnd = after
                while nextTarget < targets.count && targets[nextTarget] <= after {
                    boundaries[nextTarget] = after
                    nextTarget += 1
                }
                if stopAtLastTarget && nextTarget == targets.count { break }
            }
            index += 1
        }
        return Split(boundaries: boundaries, lastEnd: lastEnd)
    }

    /// Whether any byte of `word` is zero.
    @inline(__always)
    private static func containsByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }
}
