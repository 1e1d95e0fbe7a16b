import SegmentSupport

/// The scored output of one scoring run: the one place that opens it, writes it, and (when it must be durable)
/// flushes it to stable storage before the caller renames it into place.
///
/// Durable (``ScoreOptions/durableOutput``), it is opened with `O_DIRECT` where the filesystem takes it and the input
/// is not small (``directInputThreshold``): the bytes go from reused, aligned buffers straight to the disk through
/// ``DirectWriteBehind``'s writer thread, instead of being copied into fresh page-cache pages and written back later.
/// Otherwise (`O_DIRECT` refused, a small input, a path that is not a regular file) it is written through the page
/// cache, and for an input of at least ``BackgroundFlusher/inputThreshold`` a ``BackgroundFlusher`` starts
/// write-back on the same descriptor while the scorer writes. ``finish()`` writes what is left and `fsync`s the file,
/// so it is on disk when the run returns.
///
/// Not durable, it is an ordinary output, never flushed by segmentd: written with `O_DIRECT` through the writer thread
/// when `direct` (the `score` command) and the filesystem takes it, else through the page cache.
/// A failed call's `errno` travels in ``RecordError/cause``, so the caller can tell a full disk or quota from a bad
/// input.
final class DurableOutput: @unchecked Sendable {
    /// How the output is written; ``mode`` reports the one chosen.
    enum Mode: Sendable, Equatable {
        /// `O_DIRECT`, from a writer thread; `fsync` at the end.
        case direct
        /// Through the page cache, flushed in the background while written; `fsync` at the end.
        case bufferedFlushedInBackground
        /// Through the page cache; `fsync` at the end.
        case buffered
        /// Through the page cache, never flushed by segmentd (not durable).
        case ordinary
        /// `O_DIRECT`, from a writer thread, never flushed by segmentd (not durable).
        case directNotFlushed
    }

    let path: String
    let mode: Mode
    /// The open file; it stays open until the output is released.
    let descriptor: Int32
    private var behind: DirectWriteBehind?
    private var flusher: BackgroundFlusher?
    private var finished = false

    /// Inputs smaller than this (and known: `inputBytes` > 0) get an output written through the page cache, never
    /// with `O_DIRECT`. What `O_DIRECT` saves is one copy per byte, a few microseconds for such a file; what it costs
    /// is a writer thread started and joined and 3 MiB of blocks per output: for a 100-row file in the daemon,
    /// `finish()` took 2.9 ms (p50 of 200 files, uprobes) with them and 0.47 ms without, and the whole scoring step
    /// 2.35-2.54 ms against 1.21-1.25 ms; it was the largest step before the manifest.
    static let directInputThreshold = DirectWriteBehind.blockBytes

    /// Creates the output at `path` (`exclusive` as for ``OutputFile``); `inputBytes` (the input's size, 0 when
    /// unknown) decides whether `O_DIRECT` is worth it (see ``directInputThreshold``) and whether a durable output
    /// that cannot use `O_DIRECT` is flushed in the background. `direct` asks a non-durable output for `O_DIRECT`
    /// (see ``ScoreOptions/directOutput``).
    init(path: String, durable: Bool, direct: Bool = false, exclusive: Bool, inputBytes: Int) throws(RecordError) {
        self.path = path
        let small = inputBytes > 0 && inputBytes < Self.directInputThreshold
        let opened = try OutputFile.open(path, exclusive: exclusive, direct: (durable || direct) && !small)
        descriptor = opened.descriptor
        if !durable {
            mode = opened.isDirect ? .directNotFlushed : .ordinary
            if opened.isDirect { behind = DirectWriteBehind(descriptor: descriptor, path: path) }
        } else if opened.isDirect {
            mode = .direct
            behind = DirectWriteBehind(descriptor: descriptor, path: path)
        } else if inputBytes >= BackgroundFlusher.inputThreshold, Self.isRegularFile(descriptor, path: path) {
            mode = .bufferedFlushedInBackground
            flusher = BackgroundFlusher(descriptor: descriptor, path: path)
        } else {
            mode = .buffered
        }
    }

    /// An abandoned output (the scoring failed) stops its threads before its descriptor is closed.
    deinit {
        behind?.stopWriter()
        flusher?.stop()
        Syscall.close(descriptor)
    }

    /// Writes every byte of `bytes` (for a direct output: every byte once ``finish()`` returns).
    func write(_ bytes: UnsafeRawBufferPointer) throws(RecordError) {
        if let behind { return try behind.append(bytes) }
        try OutputFile.write(bytes, to: descriptor, path: path)
    }

    /// Writes `bytes`.
    func write(_ bytes: [UInt8]) throws(RecordError) {
        let buffer = ByteBuffer(capacity: bytes.count)
        buffer.append(bytes)
        try write(buffer)
    }

    /// Writes the bytes in use in `buffer`.
    func write(_ buffer: ByteBuffer) throws(RecordError) {
        try write(buffer.bytes)
    }

    /// Writes what is still held, stops the background flush, and for a durable output `fsync`s the file: once it
    /// returns, the output may be renamed into place without being opened again.
    func finish() throws(RecordError) {
        guard !finished else { return }
        finished = true
        if let behind {
            self.behind = nil
            try behind.finish()
        }
        if let flusher {
            self.flusher = nil
            flusher.stop()
        }
        guard mode != .ordinary && mode != .directNotFlushed, Self.isRegularFile(descriptor, path: path) else {
            return
        }
        do {
            try Syscall.fsync(descriptor, path: path)
        } catch {
            throw OutputFile.writeError(error, path: path)
        }
    }

    private static func isRegularFile(_ descriptor: Int32, path: String) -> Bool {
        (try? Syscall.fstat(descriptor, path: path))?.kind == .regular
    }
}
