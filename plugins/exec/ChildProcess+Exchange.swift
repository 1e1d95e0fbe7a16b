import Glibc
import SegmentPlugin

extension ChildProcess {
    /// How an exchange of one batch ended.
    enum ExchangeEnd: Equatable {
        /// Every row got an answer line.
        case complete
        /// The deadline passed with `answered` rows answered.
        case timedOut(answered: Int)
        /// The child closed its stdout (it died, most likely) with `answered` rows answered.
        case closedOutput(answered: Int)
    }

    /// Whether the child is alive, in sync and silent: no unread output is waiting from it.
    var isIdle: Bool {
        guard reap(waiting: false) == nil, input >= 0, !answers.hasPendingBytes else { return false }
        var byte: UInt8 = 0
        do {
            try Syscall.check("recv") { recv(output, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) }
            return false
        } catch {
            return error.code == EAGAIN || error.code == EWOULDBLOCK
        }
    }

    /// Sends `request` (the batch's rows, one line each) and reads one answer line per row, decoding row `i`'s
    /// answer into `output` and failing the row when it is unusable. Writing and reading share one `poll` loop,
    /// so a child that answers while the batch is still being written never deadlocks with the daemon.
    func exchange(_ request: [UInt8], rowCount: Int, decoder: AnswerDecoder, timeout: Double,
                  into output: inout PluginColumns) -> ExchangeEnd {
        let deadline = ContinuousClock.now.advanced(by: .seconds(timeout))
        var written = 0, answered = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while answered < rowCount {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return .timedOut(answered: answered) }
            let writing = written < request.count && input >= 0
            var descriptors = [pollfd(fd: self.output, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: input, events: Int16(POLLOUT), revents: 0)]
            let milliseconds = Int32(min(remaining / .milliseconds(1), 60_000).rounded(.up))
            guard (try? Syscall.check("poll") { poll(&descriptors, writing ? 2 : 1, milliseconds) }) != nil else {
                return .closedOutput(answered: answered)
            }
            if writing && descriptors[1].revents != 0 {
                let sent = request.withUnsafeBytes { bytes in
                    try? Syscall.sendAvailable(input, UnsafeRawBufferPointer(rebasing: bytes[written...]))
                }
                if let sent { written += sent } else { closeInput() }
            }
            guard descriptors[0].revents != 0 else { continue }
            let received = chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(ErrnoError) in try Syscall.receiveAvailable(self.output, into: buffer) }
            }
            switch received {
            case .failure: return .closedOutput(answered: answered)
            case .success(nil): continue
            case .success(let count?):
                if count > 0 {
                    chunk.withUnsafeBytes { answers.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
                }
                while answered < rowCount, let line = answers.nextLine() ?? (count == 0 ? answers.remainder() : nil) {
                    if let reason = decoder.decode(line, row: answered, into: &output) {
                        output.fail(row: answered, reason: reason)
                    }
                    answered += 1
                }
                if count == 0 && answered < rowCount { return .closedOutput(answered: answered) }
            }
        }
        return .complete
    }
}
