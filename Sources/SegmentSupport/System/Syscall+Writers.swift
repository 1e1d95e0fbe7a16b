import Glibc

/// Asking the kernel whether a file is still open for writing.
extension Syscall {
    /// True when some process has the file at `path` open for writing, false when none has, nil when the kernel
    /// will not say (the file is gone, the daemon may not take a lease on it, or the filesystem has no leases).
    ///
    /// Linux grants a read lease only while nobody has the file open for writing, so the daemon takes one and drops
    /// it at once. A writer opening the file in between waits for the drop; the lease-break signal (`SIGIO`) is
    /// ignored, so it cannot end the daemon.
    package static func isOpenForWriting(_ path: String) -> Bool? {
        ignoreLeaseBreakSignal
        guard let descriptor = try? open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK) else { return nil }
        defer { close(descriptor) }
        if fcntl(descriptor, setLeaseCommand, Int32(F_RDLCK)) == 0 {
            _ = fcntl(descriptor, setLeaseCommand, Int32(F_UNLCK))
            return false
        }
        return errno == EAGAIN ? true : nil
    }

    private static let ignoreLeaseBreakSignal: Void = {
        _ = signal(SIGIO, SIG_IGN)
    }()
}
