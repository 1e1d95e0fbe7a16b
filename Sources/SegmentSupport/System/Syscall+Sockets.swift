import Glibc

/// Socket calls of the exec plugin's child exchange, each routed through ``Syscall/valueOrErrno(_:_:_:)``.
extension Syscall {
    /// A connected pair of Unix stream sockets, both close-on-exec.
    package static func socketPair() throws(Errno) -> (Int32, Int32) {
        var descriptors: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        try valueOrErrno("socketpair") { socketpair(AF_UNIX, type, 0, &descriptors) }
        return (descriptors[0], descriptors[1])
    }

    /// Sends what the socket accepts now without blocking and without raising `SIGPIPE`; returns the bytes sent,
    /// 0 when the socket is full.
    package static func sendAvailable(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        do {
            return try valueOrErrno("send") {
                send(descriptor, base, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            }
        } catch  where error.code == EAGAIN || error.code == EWOULDBLOCK {
            return 0
        }
    }

    /// Receives what is available now without blocking; returns nil when nothing is available, 0 at end of file.
    package static func receiveAvailable(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer)
        throws(Errno) -> Int?
    {
        guard let base = buffer.baseAddress else { return nil }
        do {
            return try valueOrErrno("recv") { recv(descriptor, base, buffer.count, Int32(MSG_DONTWAIT)) }
        } catch  where error.code == EAGAIN || error.code == EWOULDBLOCK {
            return nil
        }
    }
}
