import Glibc
import SegmentSupport

/// One running child: its process id (also its process group) and the parent's ends of its stdin and stdout.
///
/// Ending the child ends its process group: when the child is found to have ended, whatever it left running in
/// its group is sent SIGKILL before the child is reaped. Until then the ended child is a zombie that keeps its
/// process id, so `kill(-pid)` cannot reach a group that reused the number. Descendants that left the group but
/// still hold the child's stdout are found through ``StrayHolders`` and killed too.
///
/// The child's stdin and stdout are Unix socket pairs rather than pipes, so writes can use `MSG_NOSIGNAL`: a child
/// that died never raises `SIGPIPE` in the daemon. Its stderr goes to a ``StderrLogger``.
/// Not thread-safe: the ``ChildSupervisor`` uses it under its lock.
final class ChildProcess {
    /// The child's process id; it leads its own process group.
    let pid: pid_t
    /// The parent's end of the child's stdin; -1 once closed.
    private(set) var input: Int32
    /// The parent's end of the child's stdout.
    let output: Int32
    /// Splits the child's stdout into answer lines.
    var answers: LineSplitter
    /// The inode of the child's end of its stdout, by which processes that left its group are found.
    private let outputInode: UInt64?
    /// How the child ended, once it was reaped.
    private(set) var exitStatus: ExitStatus?
    private let stderrLogger: StderrLogger

    init(
        pid: pid_t, input: Int32, output: Int32, outputInode: UInt64?, stderrLogger: StderrLogger,
        maxLineBytes: Int
    ) {
        self.pid = pid
        self.outputInode = outputInode
        self.input = input
        self.output = output
        self.stderrLogger = stderrLogger
        answers = LineSplitter(maxLineBytes: maxLineBytes)
    }

    deinit {
        if exitStatus == nil { _ = kill(-pid, SIGKILL); _ = reap(waiting: true) }
        closeInput()
        Syscall.close(output)
    }

    /// Reaps the child if it ended, after killing what is left of its process group; returns its status once it
    /// has ended.
    @discardableResult
    func reap(waiting: Bool) -> ExitStatus? {
        if let exitStatus { return exitStatus }
        guard waiting ? waitForEnd(blocking: true) : hasExited else { return nil }
        _ = kill(-pid, SIGKILL)
        if let outputInode { StrayHolders.kill(holdingSocket: outputInode) }
        var status: Int32 = 0
        let result = try? Syscall.valueOrErrno("waitpid") { waitpid(pid, &status, 0) }
        if result == pid { exitStatus = ExitStatus(raw: status) }
        return exitStatus
    }

    /// Whether the child has ended (it may not be reaped yet).
    var hasExited: Bool {
        exitStatus != nil || waitForEnd(blocking: false)
    }

    /// Waits (or, unless `blocking`, looks) for the child's end without reaping it.
    private func waitForEnd(blocking: Bool) -> Bool {
        var info = siginfo_t()
        let flags = WEXITED | WNOWAIT | (blocking ? 0 : WNOHANG)
        guard (try? Syscall.valueOrErrno("waitid") { waitid(P_PID, id_t(pid), &info, flags) }) != nil else {
            return false
        }
        // Without an ended child, Linux returns 0 and a zeroed `info`.
        return info.si_signo == SIGCHLD
    }

    /// Waits up to `seconds` for the child to end; returns its status if it did.
    func waitForExit(seconds: Double) -> ExitStatus? {
        let deadline = ContinuousClock.now.advanced(by: .seconds(seconds))
        while true {
            if let status = reap(waiting: false) { return status }
            if ContinuousClock.now >= deadline { return nil }
            _ = usleep(5_000)
        }
    }

    /// Closes the child's stdin, which tells a well-behaved child to finish and exit.
    func closeInput() {
        guard input >= 0 else { return }
        Syscall.close(input)
        input = -1
    }

    /// Ends the child: closes its stdin and, unless it exits within `grace` seconds, sends its process group
    /// SIGTERM (when `terminate`) then SIGKILL; returns how it ended.
    @discardableResult
    func stop(grace: Double, terminate: Bool) -> ExitStatus {
        closeInput()
        if let exitStatus { return exitStatus }
        if !terminate, let status = waitForExit(seconds: grace) { return status }
        if terminate {
            _ = kill(-pid, SIGTERM)
            if let status = waitForExit(seconds: grace) { return status }
        }
        _ = kill(-pid, SIGKILL)
        return reap(waiting: true) ?? ExitStatus(raw: SIGKILL)
    }
}
