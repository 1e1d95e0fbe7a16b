import Glibc
import SegmentSupport

/// Tells systemd about the daemon's state through the datagram socket named by `$NOTIFY_SOCKET` (sd_notify protocol).
///
/// Without `$NOTIFY_SOCKET` (not started by systemd with `Type=notify`) every call does nothing.
struct SystemdNotifier: Sendable {
    private let socketPath: String?
    /// `WatchdogSec=` as systemd passed it (`$WATCHDOG_USEC`); nil when no watchdog is set for this process.
    let watchdogTimeout: Duration?

    /// Reads the socket path and the watchdog timeout from `environment` (normally the process environment).
    /// `$WATCHDOG_PID`, when set, must be `pid` (this process): the variables may have been inherited from a parent
    /// that systemd watches, and then this process must not ping for it.
    init(environment: [String: String], pid: Int32 = getpid()) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
        let microseconds = environment["WATCHDOG_USEC"].flatMap { Int64($0) } ?? 0
        let watchedPID = environment["WATCHDOG_PID"].map { Int32($0) } ?? pid
        if socketPath != nil, microseconds > 0, watchedPID == pid {
            watchdogTimeout = .microseconds(microseconds)
        } else {
            watchdogTimeout = nil
        }
    }

    /// True when there is a socket to talk to.
    var isActive: Bool { socketPath != nil }

    /// The service finished starting up (recovery done) or finished reloading.
    func ready() throws(Errno) { try send("READY=1") }

    /// The service started reloading its configuration; systemd wants the monotonic clock reading with it.
    func reloading() throws(Errno) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let microseconds = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        try send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
    }

    /// The service is shutting down.
    func stopping() throws(Errno) { try send("STOPPING=1") }

    /// A free-form status line shown by `systemctl status`. Sent without blocking: it comes from the dispatch loop,
    /// which must not wait for systemd (a full socket queue drops the line; a later change sends another).
    func status(_ text: String) throws(Errno) { try send("STATUS=\(text)", blocking: false) }

    /// Tells the watchdog the service is alive; without blocking, like ``status(_:)``.
    func watchdog() throws(Errno) { try send("WATCHDOG=1", blocking: false) }

    /// Sends one datagram with `message`; `blocking: false` fails with `EAGAIN` instead of waiting when the socket's
    /// queue is full.
    func send(_ message: String, blocking: Bool = true) throws(Errno) {
        guard let socketPath else { return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(socketPath.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else {
            throw Errno(ENAMETOOLONG, operation: "sendto", path: socketPath)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: pathBytes)
        }
        let addressLength = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let descriptor = try Syscall.valueOrErrno("socket", socketPath) {
            socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        defer { Syscall.close(descriptor) }
        let payload = Array(message.utf8)
        let flags = Int32(MSG_NOSIGNAL) | (blocking ? 0 : Int32(MSG_DONTWAIT))
        try Syscall.valueOrErrno("sendto", socketPath) {
            payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                        sendto(
                            descriptor, bytes.baseAddress, bytes.count, flags, socketAddress,
                            addressLength)
                    }
                }
            }
        }
    }
}
