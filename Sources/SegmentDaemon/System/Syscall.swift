import Glibc

/// The one gate through which the daemon makes system calls.
///
/// `check` retries a call interrupted by a signal (`EINTR`) and turns any other failure into a typed ``ErrnoError``.
/// The wrappers in `Syscall+Files.swift` and `Syscall+Sockets.swift` use it for every call.
enum Syscall {
    /// Runs `call` until it does not fail with `EINTR`; a result of -1 becomes an ``ErrnoError``.
    @discardableResult
    static func check<Result: BinaryInteger>(
        _ operation: String, _ path: String, _ call: () -> Result
    ) throws(ErrnoError) -> Result {
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw ErrnoError(operation: operation, path: path, code: code)
        }
    }

    /// Closes `descriptor`. Not retried: on Linux the descriptor is released even when `close` reports `EINTR`.
    static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }
}
