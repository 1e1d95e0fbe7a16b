import Glibc

/// The one gate through which the exec plugin makes system calls.
///
/// `check` retries a call interrupted by a signal (`EINTR`) and turns any other failure into a typed ``ErrnoError``.
enum Syscall {
    /// Runs `call` until it does not fail with `EINTR`; a result of -1 becomes an ``ErrnoError``.
    @discardableResult
    static func check<Result: BinaryInteger>(_ operation: String, _ call: () -> Result) throws(ErrnoError) -> Result {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw ErrnoError(operation: operation, code: code)
        }
    }

    /// Closes `descriptor`. Not retried: on Linux the descriptor is released even when `close` reports `EINTR`.
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// A connected pair of Unix stream sockets, both close-on-exec.
    static func socketPair() throws(ErrnoError) -> (Int32, Int32) {
        var descriptors: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        try check("socketpair") { socketpair(AF_UNIX, type, 0, &descriptors) }
        return (descriptors[0], descriptors[1])
    }

    /// Sends what the socket accepts now without blocking and without raising `SIGPIPE`; returns the bytes sent,
    /// 0 when the socket is full.
    static func sendAvailable(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(ErrnoError) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        do {
            return try check("send") { send(descriptor, base, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT)) }
        } catch let error where error.code == EAGAIN || error.code == EWOULDBLOCK {
            return 0
        }
    }

    /// Receives what is available now without blocking; returns nil when nothing is available, 0 at end of file.
    static func receiveAvailable(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(ErrnoError)
        -> Int?
    {
        guard let base = buffer.baseAddress else { return nil }
        do {
            return try check("recv") { recv(descriptor, base, buffer.count, Int32(MSG_DONTWAIT)) }
        } catch let error where error.code == EAGAIN || error.code == EWOULDBLOCK {
            return nil
        }
    }
}
