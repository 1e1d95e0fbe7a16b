import Glibc

/// What the keys of the JSON line read last stood for, by their position in their object.
///
/// The lines of one file or body repeat one order of keys. Looking a key up (case folded and hashed for the scorer's
/// columns, made a `String` and hashed for the converter's) cost about a quarter of an NDJSON body's parsing and most
/// of a JSONL -> CSV conversion; comparing its bytes with the key at the same position on the line before costs a few
/// nanoseconds, and the answer is the same whenever the lookup depends only on the key's bytes. A key that differs
/// (or is longer than a slot) is looked up anew and remembered.
final class KeyMemo: @unchecked Sendable {
    private static let slotBytes = 48
    private static let slots = 64
    private let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: KeyMemo.slotBytes * KeyMemo.slots)
    /// Per slot: the key's length (-1: empty slot) and what it stood for (-1: nothing).
    private let lengths = UnsafeMutablePointer<Int>.allocate(capacity: KeyMemo.slots)
    private let values = UnsafeMutablePointer<Int>.allocate(capacity: KeyMemo.slots)

    init() {
        lengths.initialize(repeating: -1, count: Self.slots)
        values.initialize(repeating: -1, count: Self.slots)
    }

    deinit {
        bytes.deallocate()
        lengths.deallocate()
        values.deallocate()
    }

    /// `lookUp(key)` for the key at `position` of its object, from memory when the key there last time had the
    /// same bytes. `lookUp` must give the same answer for the same bytes, and never a negative number.
    @inline(__always)
    func value(
        of key: UnsafeRawBufferPointer, at position: Int, else lookUp: (UnsafeRawBufferPointer) -> Int?
    ) -> Int? {
        guard position < Self.slots, key.count <= Self.slotBytes, let source = key.baseAddress else {
            return lookUp(key)
        }
        let slot = bytes + position * Self.slotBytes
        if lengths[position] == key.count && memcmp(slot, source, key.count) == 0 {
            let found = values[position]
            return found < 0 ? nil : found
        }
        let found = lookUp(key)
        UnsafeMutableRawPointer(slot).copyMemory(from: source, byteCount: key.count)
        lengths[position] = key.count
        values[position] = found ?? -1
        return found
    }
}
