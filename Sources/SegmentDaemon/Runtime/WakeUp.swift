import Synchronization

/// Wakes the dispatch loop as soon as there may be work (a file arrived, a job ended), instead of at its next tick.
///
/// A signal given while nobody waits is kept, so the next ``wait(upTo:clock:)`` returns at once; several such signals
/// count as one.
final class WakeUp: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    /// Wakes the waiter, or the next one to wait.
    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let waiter = state.waiter else {
                state.pending = true
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume()
    }

    /// Returns when signalled, after `timeout` on `clock`, or when the task is cancelled, whichever comes first.
    func wait<C: Clock>(upTo timeout: Duration, clock: C) async where C.Duration == Duration {
        let timer = Task { [weak self] in
            do {
                try await clock.sleep(for: timeout)
                self?.signal()
            } catch {}
        }
        defer { timer.cancel() }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            signal()
        }
        state.withLock { $0.pending = false }
    }
}
