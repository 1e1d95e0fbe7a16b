/// A growable, reusable run of bytes that one thread fills and another later writes out.
///
/// A reference type so pipeline stages can share it without copying; callers keep access to one thread at a time.
///
/// `public` with `@inlinable` appends, not `package`: the scoring host appends the plugins' columns here once per
/// value, and Swift 6.3 does not inline an `@inlinable package` function into another module (see
/// `FixedPointFormatter`); a call per value would cost what the scoring loop saves. The stored properties are
/// `@exclusivity(unchecked)`: inlined into another module, each access to them would otherwise begin a dynamic
/// exclusivity check (`swift_beginAccess`, about 1% of a plugin run's CPU), which one thread per buffer never needs.
public final class ByteBuffer: @unchecked Sendable {
    @exclusivity(unchecked) public private(set) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) public private(set) var capacity: Int
    /// Bytes in use, starting at `base`.
    @exclusivity(unchecked) public var count = 0

    package init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Pointer to the first unused byte.
    @inlinable public var end: UnsafeMutablePointer<UInt8> { base + count }

    /// The bytes in use.
    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for at least `extra` more bytes after `count`.
    @inlinable @inline(__always)
    public func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @usableFromInline func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends bytes, growing as needed.
    @inlinable @inline(__always)
    public func append(_ source: UnsafeRawPointer, count length: Int) {
        reserve(length)
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: length)
        count += length
    }

    /// Appends bytes, growing as needed.
    @inlinable
    public func append(_ source: [UInt8]) {
        source.withUnsafeBytes { raw in
            if let address = raw.baseAddress { append(address, count: raw.count) }
        }
    }

    /// Appends one byte, growing as needed.
    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends the bytes of a literal: a per-row separator or key, with no array built for it.
    package func appendLiteral(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Appends the UTF-8 bytes of a string.
    package func append(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            if let address = utf8.baseAddress { append(address, count: utf8.count) }
        }
    }
}

/// A fixed-size run of doubles owned by one parser.
final class DoubleBuffer: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>

    init(count: Int, repeating value: Double) {
        values = .allocate(capacity: max(count, 1))
        values.initialize(repeating: value)
    }

    deinit { values.deallocate() }
}
