import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import SegmentSupport

/// Writes a file opened with `O_DIRECT` from a thread of its own, so the bytes go from reused, aligned buffers
/// straight to the disk instead of being copied into fresh page-cache pages, and the caller never waits on the disk
/// unless it writes faster than the disk takes the data.
///
/// Callers append bytes of any length; each full block of ``blockBytes`` is handed to the writer thread. Only whole
/// blocks are written with `O_DIRECT` (`write(2)` at aligned offsets, from aligned memory); ``finish()`` waits for
/// them, then clears `O_DIRECT` (`fcntl(F_SETFL)`) and writes the unaligned tail the ordinary way. One thread
/// appends at a time; a write error on the writer thread is thrown by the next ``append(_:)`` or by ``finish()``.
final class DirectWriteBehind: @unchecked Sendable {
    /// Size and alignment of each block written with `O_DIRECT`: a multiple of every logical block size in use.
    static let blockBytes = 1 << 20
    private static let alignment = 4096
    private static let blockCount = 3

    private let path: String
    private let descriptor: Int32
    private let condition = NSCondition()
    /// Guarded by `condition`: full blocks waiting for the writer, blocks free to fill, and the writer's state.
    private var queued: [UnsafeMutableRawPointer] = []
    private var free: [UnsafeMutableRawPointer] = []
    private var stopping = false
    private var stopped = false
    private var failure: RecordError?
    /// The block being filled by the appending thread, and how many of its bytes are in use.
    private var current: UnsafeMutableRawPointer
    private var filled = 0
    private let blocks: [UnsafeMutableRawPointer]

    /// Takes over writing `descriptor` (opened with `O_DIRECT`, at offset 0) and starts the writer thread.
    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
        blocks = (0..<Self.blockCount).map { _ in
            UnsafeMutableRawPointer.allocate(byteCount: Self.blockBytes, alignment: Self.alignment)
        }
        current = blocks[0]
        free = Array(blocks.dropFirst())
        let thread = Thread { [self] in writerLoop() }
        thread.name = "segmentd-write"
        thread.start()
    }

    /// The writer thread holds this object until ``finish()`` or ``stopWriter()`` stops it.
    deinit {
        for block in blocks { block.deallocate() }
    }

    /// Copies `bytes` into the current block, handing every block that fills to the writer thread.
    func append(_ bytes: UnsafeRawBufferPointer) throws(RecordError) {
        guard var source = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let take = min(remaining, Self.blockBytes - filled)
            (current + filled).copyMemory(from: source, byteCount: take)
            filled += take
            source += take
            remaining -= take
            if filled == Self.blockBytes { try submitCurrent() }
        }
    }

    /// Waits until every full block is on disk, then writes the tail without `O_DIRECT`. The file may then be
    /// written the ordinary way; nothing more may be appended through this writer.
    func finish() throws(RecordError) {
        stopWriter()
        if let failure { throw failure }
        do {
            let flags = try Syscall.statusFlags(descriptor, path: path)
            try Syscall.setStatusFlags(descriptor, flags & ~Syscall.directIOFlag, path: path)
        } catch {
            throw failed(error, "switching \(path) back to ordinary writes")
        }
        do {
            try Syscall.writeAll(descriptor, from: UnsafeRawBufferPointer(start: current, count: filled), path: path)
        } catch {
            throw failed(error, "writing \(path)")
        }
        filled = 0
    }

    private func submitCurrent() throws(RecordError) {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        queued.append(current)
        condition.broadcast()
        while free.isEmpty && failure == nil { condition.wait() }
        if let failure { throw failure }
        current = free.removeLast()
        filled = 0
    }

    /// Lets the writer thread write what is queued, stops it and waits for it; the unaligned tail is not written.
    /// ``finish()`` calls it; an abandoned output (the scoring failed) calls it alone.
    func stopWriter() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped { condition.wait() }
        condition.unlock()
    }

    private func writerLoop() {
        condition.lock()
        while true {
            while queued.isEmpty && !stopping { condition.wait() }
            if queued.isEmpty || failure != nil { break }
            let block = queued.removeFirst()
            condition.unlock()
            let bytes = UnsafeRawBufferPointer(start: block, count: Self.blockBytes)
            let result = Result { () throws(Errno) in try Syscall.writeAll(descriptor, from: bytes, path: path) }
            condition.lock()
            if case .failure(let error) = result { failure = failed(error, "writing \(path)") }
            free.append(block)
            condition.broadcast()
        }
        queued.removeAll()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func failed(_ error: Errno, _ action: String) -> RecordError {
        RecordError(
            .ioFailure, path: path, "Failed \(action): \(error.reason). Check free disk space and retry.", cause: error)
    }
}
