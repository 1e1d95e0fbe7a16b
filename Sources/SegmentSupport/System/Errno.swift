import Glibc

/// The error of a failed system call: the `errno` code, and which call on which path set it.
///
/// Every wrapper of ``Syscall`` throws it, so callers can tell a full disk or quota (``isOutOfSpace``) or a
/// read-only target (``isNotWritable``) from other failures, and show a message that says what failed where.
/// Shaped after swift-system's `Errno`: a value over the raw code, with the call's context for messages.
package struct Errno: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `errno` value.
    package let code: Int32
    /// Name of the call, e.g. `rename` or `fsync`; empty when unknown.
    package var operation: String
    /// The path (or paths, joined by " -> ") the call worked on; nil for a call on no path (a socket, a process).
    package var path: String?

    /// The error `code` set by `operation` on `path`.
    package init(_ code: Int32, operation: String = "", path: String? = nil) {
        self.code = code
        self.operation = operation
        self.path = path
    }

    /// The calling thread's current `errno`, for `operation` on `path`.
    package static func current(operation: String, path: String? = nil) -> Errno {
        Errno(errno, operation: operation, path: path)
    }

    /// True when the filesystem is full (`ENOSPC`) or a disk quota is exhausted (`EDQUOT`): more space is needed
    /// before the same write can succeed, so the input is not at fault.
    package var isOutOfSpace: Bool { code == ENOSPC || code == EDQUOT }

    /// True when the target cannot be written: read-only filesystem or missing permission.
    package var isNotWritable: Bool { code == EROFS || code == EACCES || code == EPERM }

    /// The C library's text for `code`.
    package var reason: String { String(cString: strerror(code)) }

    /// What failed, where, why, and (for the common cases) what to do.
    package var description: String {
        let call =
            switch (operation.isEmpty, path) {
            case (true, nil): "a system call"
            case (false, nil): operation
            case (true, let path?): "the call on '\(path)'"
            case (false, let path?): "\(operation) of '\(path)'"
            }
        return "\(call) failed: \(reason) (errno \(code))\(hint)"
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

extension Errno: ExitStatusClassified {
    /// A failed system call that reaches the command line is an I/O error: `EX_IOERR`.
    package var exitStatus: ExitStatus { .ioError }
}
