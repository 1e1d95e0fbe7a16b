import Dispatch
import Glibc
import SegmentPlugin
import SegmentSupport

/// Reads a child's stderr for as long as it is open and logs its lines at `info`, as many as ``StderrLimit``
/// allows, with a `warning` counting the lines held back; so the child never blocks on a full stderr buffer,
/// whether or not a batch is in flight, and never floods the log.
///
/// A dispatch read source on a private serial queue does the reading; the descriptor is closed when the child
/// and everything it started have closed their stderr (end of file), or when the logger is released.
final class StderrLogger {
    private let source: any DispatchSourceRead
    private let queue: DispatchQueue
    private let reader: StderrReader

    /// Most chunks read when the logger is released, so that a process still flooding stderr (a grandchild that
    /// left the child's process group) cannot hold the release up.
    private static let finalChunks = 1024

    /// Starts reading `descriptor`, handing each line (without its line feed, at most `maxLineBytes` bytes) to `log`
    /// within `limit`.
    init(
        descriptor: Int32, maxLineBytes: Int, limit: StderrLimit,
        log: @escaping @Sendable (PluginLogLevel, String) -> Void
    ) {
        let queue = DispatchQueue(label: "exec.stderr")
        let reader = StderrReader(
            descriptor: descriptor, maxLineBytes: maxLineBytes, limit: limit, queue: queue,
            log: log)
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

    /// Logs what the child wrote before it was stopped and the count of lines held back, then stops reading.
    deinit {
        let reader = reader
        queue.sync {
            var chunks = 0
            while chunks < Self.finalChunks && reader.readAvailable() == .more { chunks += 1 }
            reader.summarise()
        }
        source.cancel()
    }
}

/// The state of one stderr stream; used only on its logger's serial queue.
private final class StderrReader: @unchecked Sendable {
    private let descriptor: Int32
    private var lines: LineSplitter
    private var limit: StderrLimit
    private let queue: DispatchQueue
    private let log: @Sendable (PluginLogLevel, String) -> Void
    private var chunk = [UInt8](repeating: 0, count: 16_384)
    private var ended = false
    /// The source reading this stream, released when it is cancelled.
    var source: (any DispatchSourceRead)?

    init(
        descriptor: Int32, maxLineBytes: Int, limit: StderrLimit, queue: DispatchQueue,
        log: @escaping @Sendable (PluginLogLevel, String) -> Void
    ) {
        self.descriptor = descriptor
        lines = LineSplitter(maxLineBytes: maxLineBytes)
        self.limit = limit
        self.queue = queue
        self.log = log
    }

    /// What one read found.
    enum Outcome { case more, empty, ended }

    /// Reads what is available and logs the complete lines (and, at end of file or on an error, the rest).
    func readAvailable() -> Outcome {
        guard !ended else { return .ended }
        let received = chunk.withUnsafeMutableBytes { buffer in
            Result { () throws(Errno) in try Syscall.receiveAvailable(descriptor, into: buffer) }
        }
        switch received {
        case .success(nil):
            return .empty
        case .success(let count?) where count > 0:
            chunk.withUnsafeBytes { lines.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            while let line = lines.nextLine() { handle(line) }
            return .more
        default:
            if let rest = lines.remainder() { handle(rest) }
            summarise()
            ended = true
            return .ended
        }
    }

    /// Logs `line`, or counts it when the limit holds it back; at the first line held back in an interval, arranges
    /// for the count to be logged when the interval ends.
    private func handle(_ line: LineSplitter.Line) {
        let decision = limit.admit(line)
        if let summary = decision.summary { log(.warning, summary) }
        if decision.logLine { log(.info, line.text) }
        if decision.firstHeld { scheduleSummary() }
    }

    /// Logs the count of the lines held back when the current interval ends (checking again if the timer fires
    /// early), unless a later line or the end of the stream logs it first.
    private func scheduleSummary() {
        guard let end = limit.intervalEnd else { return }
        let delay = ContinuousClock.now.duration(to: end) + .milliseconds(5)
        let nanoseconds = max(0, delay / .nanoseconds(1))
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds.rounded(.up)))) { [self] in
            if let summary = limit.summaryIfEnded() {
                log(.warning, summary)
            } else if limit.isHolding {
                scheduleSummary()
            }
        }
    }

    /// Logs the count of the lines held back so far, if any.
    func summarise() {
        if let summary = limit.takeSummary() { log(.warning, summary) }
    }

    func close() {
        source = nil
        Syscall.close(descriptor)
    }
}
