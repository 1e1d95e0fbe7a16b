import CSystemShim
import Glibc

/// The one gate through which segmentd makes system calls (daemon, record I/O, support helpers, exec plugin).
///
/// ``valueOrErrno(_:_:retryOnInterrupt:_:)`` retries a call interrupted by a signal (`EINTR`) and turns any other
/// failure into a typed ``Errno``, in the style of swift-system's `valueOrErrno(retryOnInterrupt:)`. The wrappers in
/// the `Syscall+*.swift` files use it for every call. Tests make a named call fail through ``SyscallFaults``.
package enum Syscall {
    /// Runs `call` until it does not fail with `EINTR` (unless `retryOnInterrupt` is false); a result of -1 becomes
    /// an ``Errno`` naming `operation` and `path`.
    @discardableResult
    @inline(__always)
    package static func valueOrErrno<Result: BinaryInteger>(
        _ operation: String, _ path: String? = nil, retryOnInterrupt: Bool = true, _ call: () -> Result
    ) throws(Errno) -> Result {
        if SyscallFaults.isArmed, let code = SyscallFaults.injected(operation, path) {
            throw Errno(code, operation: operation, path: path)
        }
        while true {
            let result = call()
            if result != -1 { return result }
            let code = errno
            if code == EINTR && retryOnInterrupt { continue }
            throw Errno(code, operation: operation, path: path)
        }
    }

    /// Closes `descriptor`. Not retried: on Linux the descriptor is released even when `close` reports `EINTR`.
    package static func close(_ descriptor: Int32) {
        _ = Glibc.close(descriptor)
    }

    /// `O_DIRECT` from the system's <fcntl.h> (through the C shim, so it is right on every architecture).
    package static var directIOFlag: Int32 { csystem_o_direct }

    /// `F_SETLEASE` from the system's <fcntl.h> (through the C shim).
    package static var setLeaseCommand: Int32 { csystem_f_setlease }
}
