import Glibc
import SegmentPlugin
import SegmentSupport

extension ChildProcess {
    /// How an exchange of one batch ended.
    enum ExchangeEnd: Equatable {
        /// Every row got its answer and nothing else was written.
        case complete
        /// The answers are out of step with the rows, for the reason given: none of them can be trusted.
        case outOfStep(String)
        /// The deadline passed before every row was answered.
        case timedOut
        /// The child ended, or closed its stdout, before every row was answered.
        case closedOutput
    }

    /// How often a waiting exchange checks whether the child ended while something else (a grandchild that left
    /// its process group) keeps its stdout open, so that no end of file comes.
    private static let exitCheckMilliseconds: Int32 = 100

    /// Whether the child is alive, in sync and silent: no unread output is waiting from it.
    var isIdle: Bool {
        guard reap(waiting: false) == nil, input >= 0, !answers.hasPendingBytes else { return false }
        return waitingOutput == .nothing
    }

    /// What waits on the child's stdout, unread.
    private enum WaitingOutput { case nothing, bytes, end }

    private var waitingOutput: WaitingOutput {
        var byte: UInt8 = 0
        do {
            let count = try Syscall.valueOrErrno("recv") {
                recv(output, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
            }
            return count > 0 ? .bytes : .end
        } catch {
            return error.code == EAGAIN || error.code == EWOULDBLOCK ? .nothing : .end
        }
    }

    /// Sends `request` (the batch's rows, one line each) and hands every answer line to `matcher`, which decodes it
    /// into its row of `output`. Writing and reading share one `poll` loop, so a child that answers while the
    /// batch is still being written never deadlocks with the daemon. Output left over once every row is answered
    /// puts the batch out of step. When the child ends, what it wrote is read and the exchange ends even if a
    /// grandchild still holds its stdout open.
    func exchange(
        _ request: [UInt8], matcher: inout AnswerMatcher, timeout: Double,
        into output: inout PluginColumns
    ) -> ExchangeEnd {
        let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
        var written = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !matcher.isComplete {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return .timedOut }
            let writing = written < request.count && input >= 0
            var descriptors = [
                pollfd(fd: self.output, events: Int16(POLLIN), revents: 0),
                pollfd(fd: input, events: Int16(POLLOUT), revents: 0),
            ]
            let milliseconds = min(
                Int32(min(remaining / .milliseconds(1), 60_000).rounded(.up)),
                Self.exitCheckMilliseconds)
            guard (try? Syscall.valueOrErrno("poll") { poll(&descriptors, writing ? 2 : 1, milliseconds) }) != nil
            else {
                return .closedOutput
            }
            if writing && descriptors[1].revents != 0 {
                let sent = request.withUnsafeBytes { bytes in
                    try? Syscall.sendAvailable(input, UnsafeRawBufferPointer(rebasing: bytes[written...]))
                }
                if let sent { written += sent } else { closeInput() }
            }
            if descriptors[0].revents == 0 {
                guard hasExited else { continue }
                // Read what the child wrote before it ended (it is all queued by now), then stop waiting.
                _ = reap(waiting: false)
                if let end = receive(into: &chunk, matcher: &matcher, output: &output, drainOnly: true) { return end }
                return matcher.isComplete ? leftoverCheck() : .closedOutput
            }
            if let end = receive(into: &chunk, matcher: &matcher, output: &output, drainOnly: false) { return end }
        }
        return leftoverCheck()
    }

    /// Reads what is available (when `drainOnly` all of it, up to 1024 chunks; else one chunk) and hands the
    /// complete lines to `matcher`; returns how the exchange ended, if it did.
    private func receive(
        into chunk: inout [UInt8], matcher: inout AnswerMatcher, output: inout PluginColumns,
        drainOnly: Bool
    ) -> ExchangeEnd? {
        var rounds = 0
        repeat {
            rounds += 1
            let received = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(Errno) in try Syscall.receiveAvailable(self.output, into: buffer) }
            }
            let count: Int
            switch received {
            case .failure: return .closedOutput
            case .success(nil): return nil
            case .success(let got?): count = got
            }
            if count > 0 {
                chunk.withUnsafeBytes { answers.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            }
            while let line = answers.nextLine() ?? (count == 0 ? answers.remainder() : nil) {
                if let reason = matcher.take(line, into: &output) { return .outOfStep(reason) }
            }
            if count == 0 { return matcher.isComplete ? leftoverCheck() : .closedOutput }
        } while drainOnly && rounds < 1024
        return nil
    }

    /// After every row was answered: out of step when more output is already waiting.
    private func leftoverCheck() -> ExchangeEnd {
        guard answers.hasPendingBytes || waitingOutput == .bytes else { return .complete }
        return .outOfStep("the child wrote more lines than it was sent rows")
    }
}
