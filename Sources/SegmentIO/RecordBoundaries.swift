#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a CSV record stands after some of its bytes, for finding where it ends.
///
/// A double quote opens a quoted field only at the start of a field (after a comma, at the start of the record, or
/// after spaces and tabs there); inside a quoted field a doubled quote is a quote and a single one closes the field.
/// A record is malformed when a quote appears inside an unquoted field, or when a closing quote is followed by
/// anything but spaces, tabs, a comma or the line end; a malformed record ends at the next line feed, whatever the
/// quotes after the fault. Otherwise a record ends at the first line feed outside quotes. This is the only rule that
/// decides record extents, in the chunk splitter, the record parser and the header reader alike.
enum CSVScanState: UInt8, Sendable {
    /// At the start of a field, or after spaces and tabs there.
    case fieldStart
    /// Inside an unquoted field.
    case unquoted
    /// Inside a quoted field.
    case quoted
    /// Just after a quote inside a quoted field: closing it, or the first of a doubled quote.
    case closed
    /// After a quoted field's closing quote and spaces or tabs.
    case afterClose
    /// After a quoting fault: the record ends at the next line feed.
    case malformed
}

/// Where records end: after a line feed, and for CSV only a line feed the quoting rule of `CSVScanState` allows.
///
/// Every scan starts at a record start, so record extents never depend on the chunking.
enum RecordBoundaries {
    /// The split points of `start..<end`: for each target, the first record start at or after it (or `nil`),
    /// and the offset just after the last record-ending line feed (or `nil` if none).
    struct Split {
        var boundaries: [Int?]
        var lastEnd: Int?
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let comma = UInt8(ascii: ",")

    /// Finds record boundaries in `base[start..<end]`, which starts at a record start.
    /// - Parameter targets: ascending offsets within `start...end`.
    static func split(_ base: UnsafePointer<UInt8>, start: Int, end: Int, targets: [Int], quoteAware: Bool) -> Split {
        if quoteAware, memchr(base + start, Int32(quote), end - start) != nil {
            return splitTrackingQuotes(base, start: start, end: end, targets: targets)
        }
        // Without a quote every line feed ends a record.
        var boundaries: [Int?] = []
        boundaries.reserveCapacity(targets.count)
        for target in targets {
            let from = max(target - 1, start)
            if let found = memchr(base + from, Int32(lineFeed), end - from) {
                boundaries.append(UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1)
            } else {
                boundaries.append(nil)
            }
        }
        var lastEnd: Int?
        var index = end
        while index > start {
            index -= 1
            if base[index] == lineFeed {
                lastEnd = index + 1
                break
            }
        }
        return Split(boundaries: boundaries, lastEnd: lastEnd)
    }

    /// The end (offset after the line feed) of the CSV record starting at `start`, or `nil` if it does not end
    /// before `end`.
    static func recordEnd(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> Int? {
        var state = CSVScanState.fieldStart
        return nextEnd(base, from: start, to: end, state: &state)
    }

    /// The split of a chunk that holds quotes. Outside quoted fields every line feed ends a record, whatever the
    /// state, so the scan jumps from quote to quote (`memchr`): the state only matters at a quote, and there it
    /// follows from the few bytes before it in the same record.
    private static func splitTrackingQuotes(
        _ base: UnsafePointer<UInt8>, start: Int, end: Int,
        targets: [Int]
    ) -> Split {
        var boundaries = [Int?](repeating: nil, count: targets.count)
        var nextTarget = 0
        var lastEnd: Int?
        var index = start
        // The state before `base[index]`, never `.quoted`.
        var state = CSVScanState.fieldStart
        while index < end {
            let quoteAt = find(quote, base, from: index, to: end) ?? end
            if let lineFeed = findLast(lineFeed, base, from: index, to: quoteAt) {
                lastEnd = lineFeed + 1
                while nextTarget < targets.count && targets[nextTarget] <= lineFeed + 1 {
                    let from = max(targets[nextTarget] - 1, index)
                    boundaries[nextTarget] = (find(Self.lineFeed, base, from: from, to: quoteAt) ?? lineFeed) + 1
                    nextTarget += 1
                }
                state = stateBefore(quoteAt, base, from: lineFeed + 1, .fieldStart)
            } else {
                state = stateBefore(quoteAt, base, from: index, state)
            }
            guard quoteAt < end else { break }
            state = transition(state, quote)
            index = quoteAt + 1
            if state == .quoted {
                guard let closing = find(quote, base, from: index, to: end) else { break }
                state = .closed
                index = closing + 1
            }
        }
        return Split(boundaries: boundaries, lastEnd: lastEnd)
    }

    /// The state after `base[from..<to]`, which holds no quote and no line feed, entered in `state`.
    private static func stateBefore(
        _ to: Int, _ base: UnsafePointer<UInt8>, from: Int,
        _ state: CSVScanState
    ) -> CSVScanState {
        switch state {
        case .malformed, .quoted:
            return state
        case .closed, .afterClose:
            var index = from
            while index < to && isBlank(base[index]) { index += 1 }
            if index == to { return index == from ? state : .afterClose }
            guard base[index] == comma else { return .malformed }
            return stateBefore(to, base, from: index + 1, .fieldStart)
        case .fieldStart, .unquoted:
            // Only the last byte that is not a space or tab counts: a comma starts a field, anything else is text.
            var index = to
            while index > from && isBlank(base[index - 1]) { index -= 1 }
            if index == from { return state }
            return base[index - 1] == comma ? .fieldStart : .unquoted
        }
    }

    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// The offset of the first `byte` in `base[from..<to]`.
    @inline(__always)
    private static func find(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard from < to, let found = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The offset of the last `byte` in `base[from..<to]` (searched backwards: it is usually near `to`).
    @inline(__always)
    private static func findLast(_ byte: UInt8, _ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var index = to
        while index > from {
            index -= 1
            if base[index] == byte { return index }
        }
        return nil
    }

    /// Advances `state` over `base[from..<to]` and returns the offset just after the first line feed that ends
    /// the record (leaving `state` at `.fieldStart`), or `nil` when none does (leaving the state after `to - 1`).
    /// Skips eight bytes at a time where they cannot change anything that matters.
    static func nextEnd(_ base: UnsafePointer<UInt8>, from: Int, to end: Int, state: inout CSVScanState) -> Int? {
        let quotes: UInt64 = 0x2222_2222_2222_2222
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var index = from
        var current = state
        defer { state = current }
        while index < end {
            if index + 8 <= end {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                switch current {
                case .quoted:
                    if !containsByte(word ^ quotes) {
                        index += 8
                        continue
                    }
                case .malformed:
                    if !containsByte(word ^ newlines) {
                        index += 8
                        continue
                    }
                case .unquoted, .fieldStart:
                    // Eight bytes without a quote or line feed leave an unquoted field, or the start of a field if
                    // they end with a comma; a last space or tab could precede an opening quote, so look at those.
                    let last = base[index + 7]
                    if !containsByte(word ^ quotes) && !containsByte(word ^ newlines)
                        && last != UInt8(ascii: " ") && last != UInt8(ascii: "\t")
                    {
                        current = last == comma ? .fieldStart : .unquoted
                        index += 8
                        continue
                    }
                case .closed, .afterClose:
                    break
                }
            }
            let byte = base[index]
            index += 1
            if byte == lineFeed && current != .quoted {
                current = .fieldStart
                return index
            }
            current = transition(current, byte)
        }
        return nil
    }

    /// The state after `byte` (not a line feed outside quotes) in `state`.
    @inline(__always)
    static func transition(_ state: CSVScanState, _ byte: UInt8) -> CSVScanState {
        let isBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        switch state {
        case .fieldStart:
            if byte == quote { return .quoted }
            if byte == comma || isBlank { return .fieldStart }
            return .unquoted
        case .unquoted:
            if byte == comma { return .fieldStart }
            return byte == quote ? .malformed : .unquoted
        case .quoted:
            return byte == quote ? .closed : .quoted
        case .closed:
            if byte == quote { return .quoted }
            if byte == comma { return .fieldStart }
            return isBlank ? .afterClose : .malformed
        case .afterClose:
            if byte == comma { return .fieldStart }
            return isBlank ? .afterClose : .malformed
        case .malformed:
            return .malformed
        }
    }

    /// The state after scanning `base[from..<to]` from a record start that does not end in that range, and the
    /// line feeds in it.
    static func partialRecord(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int,
        quoteAware: Bool
    ) -> (state: CSVScanState, lineFeeds: Int) {
        var state = CSVScanState.fieldStart
        var lineFeeds = 0
        for index in from..<end {
            let byte = base[index]
            if byte == lineFeed { lineFeeds += 1 }
            if quoteAware && !(byte == lineFeed && state != .quoted) { state = transition(state, byte) }
        }
        return (state, lineFeeds)
    }

    /// Whether any byte of `word` is zero.
    @inline(__always)
    private static func containsByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }
}
