import Foundation
import Glibc
import SegmentSupport

/// Flushes a file to disk again and again while another thread is still writing it, so that the `fsync` which makes
/// it durable at the end finds little left to write: the disk works while the scorer does, not after it.
///
/// It only starts write-back early; durability still comes from the final `fsync` in ``DurableFile``. Errors are
/// ignored here for the same reason: the final `fsync` reports them.
final class BackgroundFlusher: @unchecked Sendable {
    /// Inputs at least this large have their output flushed in the background while they are scored.
    static let inputThreshold: Int64 = 4 << 20

    private let path: String
    private let interval: TimeInterval
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var stopping = false
    private var finished = false

    /// Starts flushing `path` (opened once it exists) every `interval`.
    init(path: String, interval: Duration = .milliseconds(25)) {
        self.path = path
        self.interval = Double(interval.components.seconds) + Double(interval.components.attoseconds) * 1e-18
        let thread = Thread { [self] in loop() }
        thread.name = "segmentd-flush"
        thread.start()
    }

    /// Stops flushing and waits until the thread has let go of the file.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func loop() {
        var descriptor: Int32 = -1
        condition.lock()
        while !stopping {
            condition.unlock()
            if descriptor < 0 { descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) } }
            if descriptor >= 0 { _ = fdatasync(descriptor) }
            condition.lock()
            if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
        }
        if descriptor >= 0 { close(descriptor) }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
