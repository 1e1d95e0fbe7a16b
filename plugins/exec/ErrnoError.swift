import Glibc

/// A system call that failed: which call and the `errno` it set.
struct ErrnoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Name of the call, e.g. `posix_spawn` or `send`.
    let operation: String
    /// The `errno` value.
    let code: Int32

    /// The C library's text for `code`.
    var reason: String { String(cString: strerror(code)) }

    var description: String { "\(operation) failed: \(reason) (errno \(code))" }
}
