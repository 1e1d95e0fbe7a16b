import Glibc
import SegmentSupport

/// Tells whether the outbox can take output now: writable, not read-only, enough free space.
package protocol OutboxHealthProbe: Sendable {
    /// Nil when files can be written into `outbox`; otherwise a sentence saying why not.
    func problem(outbox: String, minimumFreeBytes: Int64) -> String?
}

/// The real probe: `access(W_OK)` and `statvfs`.
package struct FileSystemOutboxProbe: OutboxHealthProbe {
    /// Makes the probe.
    package init() {}

    package func problem(outbox: String, minimumFreeBytes: Int64) -> String? {
        do {
            try Syscall.checkWritable(outbox)
            let status = try Syscall.fileSystemStatus(outbox)
            if status.f_flag & UInt(ST_RDONLY) != 0 {
                return "the outbox '\(outbox)' is on a read-only filesystem"
            }
            let free = Int64(status.f_bavail) * Int64(status.f_frsize)
            if free < minimumFreeBytes {
                return "the outbox '\(outbox)' has \(free) bytes free, less than min_free_bytes = \(minimumFreeBytes)"
            }
            return nil
        } catch {
            return "the outbox cannot be written: \(error)"
        }
    }
}
