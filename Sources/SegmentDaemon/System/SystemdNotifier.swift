import Glibc
import SegmentSupport

/// Tells systemd about the daemon's state through the datagram socket named by `$NOTIFY_SOCKET` (sd_notify protocol).
///
/// Without `$NOTIFY_SOCKET` (not started by systemd with `Type=notify`) every call does nothing.
struct SystemdNotifier: Sendable {
    private let socketPath: String?

    /// Reads the socket path from `environment` (normally the process environment).
    init(environment: [String: String]) {
        let path = environment["NOTIFY_SOCKET"] ?? ""
        socketPath = path.isEmpty ? nil : path
    }

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

    /// A free-form status line shown by `systemctl status`.
    func status(_ text: String) throws(Errno) { try send("STATUS=\(text)") }

    /// Sends one datagram with `message`.
    func send(_ message: String) throws(Errno) {
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
        try Syscall.valueOrErrno("sendto", socketPath) {
            payload.withUnsafeBytes { bytes in
                withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                        sendto(
                            descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), socketAddress,
                            addressLength)
                    }
                }
            }
        }
    }
}
