import Foundation
import SegmentSupport

/// Flushes a file to disk again and again while another thread is still writing it, so that the `fsync` which makes
/// it durable at the end finds little left to write: the disk works while the scorer does, not after it.
///
/// It only starts write-back early; durability still comes from the final `fsync` in ``DurableOutput/finish()``.
/// Errors are ignored here for the same reason: the final `fsync` reports them. It works on the output's own
/// descriptor, which its owner keeps open until ``stop()`` has returned.
final class BackgroundFlusher: @unchecked Sendable {
    /// Inputs at least this large have their output flushed in the background while they are scored.
    static let inputThreshold = 4 << 20

    private let descriptor: Int32
    private let path: String
    private let interval: TimeInterval
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var stopping = false
    private var finished = false

    /// Starts flushing `descriptor` (the open file `path`) every `interval`.
    init(descriptor: Int32, path: String, interval: Duration = .milliseconds(25)) {
        self.descriptor = descriptor
        self.path = path
        self.interval = interval.inSeconds
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
        condition.lock()
        while !stopping {
            condition.unlock()
            try? Syscall.fdatasync(descriptor, path: path)
            condition.lock()
            if !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
        }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
