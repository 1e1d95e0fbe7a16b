import Dispatch
import Glibc

/// Reads a child's stderr for as long as it is open and logs every line, so the child never blocks on a full
/// stderr buffer, whether or not a batch is in flight.
///
/// A dispatch read source on a private serial queue does the reading; the descriptor is closed when the child
/// and everything it started have closed their stderr (end of file), or when the logger is released.
final class StderrLogger {
    private let source: any DispatchSourceRead
    private let queue: DispatchQueue
    private let reader: StderrReader

    /// Starts reading `descriptor`, handing each line (without its line feed, at most `maxLineBytes` bytes) to `log`.
    init(descriptor: Int32, maxLineBytes: Int, log: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "exec.stderr")
        let reader = StderrReader(descriptor: descriptor, maxLineBytes: maxLineBytes, log: log)
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        reader.source = source
        source.setEventHandler {
            if reader.readAvailable() == .ended { reader.source?.cancel() }
        }
        source.setCancelHandler { reader.close() }
        self.source = source
        self.queue = queue
        self.reader = reader
        source.resume()
    }

    /// Logs what the child wrote before it was stopped, then stops reading.
    deinit {
        let reader = reader
        queue.sync {
            while reader.readAvailable() == .more {}
        }
        source.cancel()
    }
}

/// The state of one stderr stream; used only on its logger's serial queue.
private final class StderrReader: @unchecked Sendable {
    private let descriptor: Int32
    private var lines: LineSplitter
    private let log: @Sendable (String) -> Void
    private var chunk = [UInt8](repeating: 0, count: 16_384)
    private var ended = false
    /// The source reading this stream, released when it is cancelled.
    var source: (any DispatchSourceRead)?

    init(descriptor: Int32, maxLineBytes: Int, log: @escaping @Sendable (String) -> Void) {
        self.descriptor = descriptor
        lines = LineSplitter(maxLineBytes: maxLineBytes)
        self.log = log
    }

    /// What one read found.
    enum Outcome { case more, empty, ended }

    /// Reads what is available and logs the complete lines (and, at end of file or on an error, the rest).
    func readAvailable() -> Outcome {
        guard !ended else { return .ended }
        let received = chunk.withUnsafeMutableBytes { buffer in
            Result { () throws(ErrnoError) in try Syscall.receiveAvailable(descriptor, into: buffer) }
        }
        switch received {
        case .success(nil):
            return .empty
        case .success(let count?) where count > 0:
            chunk.withUnsafeBytes { lines.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            while let line = lines.nextLine() { log(line.text) }
            return .more
        default:
            if let rest = lines.remainder() { log(rest.text) }
            ended = true
            return .ended
        }
    }

    func close() {
        source = nil
        Syscall.close(descriptor)
    }
}
