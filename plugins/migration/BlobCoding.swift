import SegmentPlugin
/// Builds the little-endian BLOBs the store keeps: id lists and arrays of segment codes.
///
/// An id list is its count (u32), the end offset of each id relative to the first (u32 each), then the ids'
/// bytes back to back; a code array is one u16 per row or customer.
struct BlobWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Reserves room for `count` more bytes.
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// Appends one 32-bit little-endian integer.
    mutating func append(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends ids `range` of `keys` as an id list.
    mutating func appendKeys(_ keys: KeyList, _ range: Range<Int>) {
        guard !range.isEmpty else { return append(UInt32(0)) }
        let base = keys.start(of: range.lowerBound)
        let end = keys.ends[range.upperBound - 1]
        append(UInt32(range.count))
        appendWords(range.count) { keys.ends[range.lowerBound + $0] - base }
        bytes.append(contentsOf: keys.bytes[base..<end])
    }

    /// Appends `count` 32-bit little-endian integers, the `i`th being `value(i)`.
    mutating func appendWords(_ count: Int, _ value: (Int) -> Int) {
        let offset = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count * 4))
        bytes.withUnsafeMutableBytes { raw in
            for index in 0..<count {
                raw.storeBytes(
                    of: UInt32(truncatingIfNeeded: value(index)).littleEndian,
                    toByteOffset: offset + index * 4, as: UInt32.self)
            }
        }
    }

    /// Appends raw bytes.
    mutating func appendBytes(_ raw: UnsafeRawBufferPointer) { bytes.append(contentsOf: raw) }

    /// Appends `codes` as 16-bit little-endian integers.
    mutating func appendCodes(_ codes: ArraySlice<UInt16>) {
        let offset = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: codes.count * 2))
        bytes.withUnsafeMutableBytes { raw in
            for (index, code) in codes.enumerated() {
                raw.storeBytes(of: code.littleEndian, toByteOffset: offset + index * 2, as: UInt16.self)
            }
        }
    }
}

/// Reads what `BlobWriter` wrote, checking every offset; an inconsistency is reported as corrupt state.
struct BlobReader {
    private let blob: UnsafeRawBufferPointer
    private var offset = 0
    /// Names the BLOB in errors, e.g. `file 12 part 3`.
    private let label: String

    /// Reads `blob`; `label` names it in errors.
    init(_ blob: UnsafeRawBufferPointer, label: String) {
        self.blob = blob
        self.label = label
    }

    /// Whether every byte was read.
    var isAtEnd: Bool { offset == blob.count }

    /// Reads one 32-bit little-endian integer.
    mutating func uint32() throws(PluginError) -> UInt32 {
        guard blob.count - offset >= 4 else { throw corrupt("ends early") }
        let value = UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        offset += 4
        return value
    }

    /// Reads an id list, checking that its offsets rise and stay inside the BLOB.
    mutating func keys() throws(PluginError) -> KeySection {
        let count = Int(try uint32())
        guard blob.count - offset >= count * 4 else { throw corrupt("ends inside its id offsets") }
        let bytesOffset = offset + count * 4
        var previousEnd = 0
        for index in 0..<count {
            let end = Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: offset + index * 4, as: UInt32.self)))
            guard end >= previousEnd, bytesOffset + end <= blob.count else {
                throw corrupt("has an id offset out of range")
            }
            previousEnd = end
        }
        let section = KeySection(blob: blob, count: count, endsOffset: offset, bytesOffset: bytesOffset)
        offset = bytesOffset + previousEnd
        return section
    }

    /// Reads `count` segment codes.
    mutating func codes(_ count: Int) throws(PluginError) -> CodeSection {
        guard blob.count - offset >= count * 2 else { throw corrupt("ends inside its segment codes") }
        let section = CodeSection(blob: blob, offset: offset, count: count)
        offset += count * 2
        return section
    }

    /// The error for a BLOB that does not decode.
    func corrupt(_ problem: String) -> PluginError {
        PluginError(
            .stateUnavailable, source: "migration", problem: "the stored \(label) \(problem)",
            fix: "restore the migration database from a backup, or move it aside to start the history afresh")
    }
}

/// A checked id list inside a BLOB.
struct KeySection {
    fileprivate let blob: UnsafeRawBufferPointer
    /// Number of ids.
    let count: Int
    fileprivate let endsOffset: Int
    fileprivate let bytesOffset: Int

    /// The bytes of id `index`.
    @inline(__always)
    func key(at index: Int) -> UnsafeRawBufferPointer {
        let start = index == 0 ? 0 : end(of: index - 1)
        return UnsafeRawBufferPointer(rebasing: blob[(bytesOffset + start)..<(bytesOffset + end(of: index))])
    }

    @inline(__always)
    private func end(of index: Int) -> Int {
        Int(UInt32(littleEndian: blob.loadUnaligned(fromByteOffset: endsOffset + index * 4, as: UInt32.self)))
    }
}

/// Segment codes inside a BLOB.
struct CodeSection {
    fileprivate let blob: UnsafeRawBufferPointer
    fileprivate let offset: Int
    /// Number of codes.
    let count: Int

    /// Code `index`.
    @inline(__always)
    subscript(index: Int) -> UInt16 {
        UInt16(littleEndian: blob.loadUnaligned(fromByteOffset: offset + index * 2, as: UInt16.self))
    }
}
