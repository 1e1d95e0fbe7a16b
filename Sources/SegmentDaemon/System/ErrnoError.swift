import Glibc

/// A system call that failed: which call, on which path, and the `errno` it set.
///
/// Every system call of the daemon goes through ``Syscall``, which turns a failure into this error,
/// so callers can tell a full disk (``isOutOfSpace``) or a read-only target (``isNotWritable``) from other failures.
public struct ErrnoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Name of the call, e.g. `rename` or `fsync`.
    public let operation: String
    /// The path (or paths, joined by " -> ") the call worked on.
    public let path: String
    /// The `errno` value.
    public let code: Int32

    /// Makes an error for `operation` on `path` that failed with `code`.
    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// True when the filesystem or a quota is full.
    public var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT }

    /// True when the target cannot be written: read-only filesystem or missing permission.
    public var isNotWritable: Bool { code == EROFS || code == EACCES || code == EPERM }

    /// The C library's text for `code`.
    public var reason: String { String(cString: strerror(code)) }

    public var description: String {
        "\(operation) of '\(path)' failed: \(reason) (errno \(code))\(hint)"
    }

    private var hint: String {
        switch code {
        case ENOSPC, EDQUOT: "; free space on that filesystem"
        case EROFS: "; the filesystem is mounted read-only"
        case EACCES, EPERM: "; check the owner and permissions of the path and its directory"
        case EXDEV: "; the paths are on different filesystems, put them on one"
        default: ""
        }
    }
}
