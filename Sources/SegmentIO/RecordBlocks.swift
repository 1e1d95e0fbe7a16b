#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file record by record, a block at a time, for the record conversions of `segmentd score`: CSV
/// records end at a line feed the quoting rule of `CSVScanState` allows, JSONL records at every line feed. Memory
/// stays at a block plus the longest record.
enum RecordBlocks {
    /// Calls `body` with each record of `path` (its line ending, CR included, removed) and its 1-based number.
    static func forEach(
        path: String, format: RecordFormat,
        _ body: (_ base: UnsafePointer<UInt8>, _ record: Range<Int>, _ number: Int) throws -> Void
    ) throws {
        let file = try InputFile(path: path)
        let buffer = ByteBuffer(capacity: 1 << 20)
        var state = CSVScanState.fieldStart
        var scanned = 0
        var number = 0
        var atEnd = false
        while !atEnd {
            buffer.reserve(1 << 19)
            let got = try file.read(into: buffer.end, count: buffer.capacity - buffer.count)
            buffer.count += got
            atEnd = got == 0
            let base = UnsafePointer(buffer.base)
            var start = 0
            while let end = nextEnd(base, from: scanned, to: buffer.count, format: format, state: &state) {
                number += 1
                try body(base, start..<trimmedEnd(base, start, end - 1), number)
                start = end
                scanned = end
            }
            scanned = buffer.count
            if atEnd && start < buffer.count {
                number += 1
                try body(base, start..<trimmedEnd(base, start, buffer.count), number)
                start = buffer.count
            }
            // Keep the unfinished record at the front of the buffer.
            let kept = buffer.count - start
            if start > 0 {
                UnsafeMutableRawPointer(buffer.base).copyMemory(from: buffer.base + start, byteCount: kept)
                buffer.count = kept
                scanned -= start
            }
        }
    }

    private static func nextEnd(
        _ base: UnsafePointer<UInt8>, from: Int, to end: Int, format: RecordFormat, state: inout CSVScanState
    ) -> Int? {
        switch format {
        case .csv:
            return RecordBoundaries.nextEnd(base, from: from, to: end, state: &state)
        case .jsonl:
            guard from < end, let found = memchr(base + from, Int32(UInt8(ascii: "\n")), end - from) else {
                return nil
            }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base + 1
        }
    }

    /// `end` moved back over one carriage return that ends the record.
    private static func trimmedEnd(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        end > start && base[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
    }
}
