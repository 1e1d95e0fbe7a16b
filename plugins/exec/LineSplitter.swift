import Glibc

/// Splits a byte stream into lines ended by a line feed (a carriage return before it is dropped).
///
/// A line longer than `maxLineBytes` is returned at once, cut to that length and marked `truncated`; the rest of it
/// is skipped up to its line feed, so the count of lines stays right.
struct LineSplitter {
    /// One line without its line feed.
    struct Line {
        /// The line's bytes (at most `maxLineBytes`).
        let bytes: [UInt8]
        /// Whether the line was longer than `maxLineBytes` and was cut.
        let truncated: Bool

        /// The line as text; invalid UTF-8 becomes U+FFFD.
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Longest line returned whole.
    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var skippingRestOfLongLine = false

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Whether bytes of an unfinished line are waiting.
    var hasPendingBytes: Bool { start < buffer.count || skippingRestOfLongLine }

    /// Adds received bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line, or the cut head of an over-long one; nil when no line is complete yet.
    mutating func nextLine() -> Line? {
        while let end = indexOfLineFeed() {
            defer { start = end + 1 }
            if skippingRestOfLongLine {
                skippingRestOfLongLine = false
                continue
            }
            var stop = end
            if stop > start && buffer[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
            let length = stop - start
            return Line(
                bytes: Array(buffer[start..<start + min(length, maxLineBytes)]), truncated: length > maxLineBytes)
        }
        if skippingRestOfLongLine {
            start = buffer.count
        } else if buffer.count - start > maxLineBytes {
            let line = Line(bytes: Array(buffer[start..<start + maxLineBytes]), truncated: true)
            start = buffer.count
            skippingRestOfLongLine = true
            return line
        }
        return nil
    }

    /// The unfinished last line at end of stream, if any bytes of one are waiting.
    mutating func remainder() -> Line? {
        defer { start = buffer.count; skippingRestOfLongLine = false }
        guard start < buffer.count, !skippingRestOfLongLine else { return nil }
        return Line(bytes: Array(buffer[start...]), truncated: false)
    }

    private func indexOfLineFeed() -> Int? {
        guard start < buffer.count else { return nil }
        return buffer.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress,
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
            else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }
}
