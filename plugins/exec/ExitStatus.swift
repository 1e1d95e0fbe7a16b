import Glibc

/// How a child process ended, decoded from a `waitpid` status.
struct ExitStatus: Sendable, Equatable, CustomStringConvertible {
    /// The raw status word of `waitpid`.
    let raw: Int32

    /// The exit code, when the child exited by itself.
    var exitCode: Int32? { raw & 0x7f == 0 ? (raw >> 8) & 0xff : nil }

    /// The signal that ended the child, when one did.
    var signal: Int32? {
        let number = raw & 0x7f
        return number != 0 && number != 0x7f ? number : nil
    }

    /// `exited with status 3` or `killed by signal 9 (Killed)`.
    var description: String {
        if let exitCode { return "exited with status \(exitCode)" }
        if let signal {
            let name = strsignal(signal).map { String(cString: $0) } ?? "unknown"
            return "killed by signal \(signal) (\(name))"
        }
        return "stopped with wait status \(raw)"
    }
}
