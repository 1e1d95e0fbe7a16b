import Foundation
import Synchronization

/// Runs blocking work (file I/O, the scorer) on a thread of its own, off Swift's cooperative pool.
enum BlockingWork {
    /// Runs `work` on a new thread and returns its result, or nil when the calling task is cancelled first.
    /// After a cancellation the thread still runs to its end; its result is dropped.
    static func run<Result: Sendable>(name: String, _ work: @escaping @Sendable () -> Result) async -> Result? {
        let slot = ResultSlot<Result>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result?, Never>) in
                slot.install(continuation)
                let thread = Thread { slot.deliver(work()) }
                thread.name = name
                thread.start()
            }
        } onCancel: {
            slot.deliver(nil)
        }
    }
}

/// Resumes a continuation exactly once, with whichever comes first: the result or the cancellation.
private final class ResultSlot<Result: Sendable>: Sendable {
    private enum Phase {
        case waiting
        case installed(CheckedContinuation<Result?, Never>)
        case delivered(Result?)
        case done
    }

    private let phase = Mutex<Phase>(.waiting)

    func install(_ continuation: CheckedContinuation<Result?, Never>) {
        let early: Result?? = phase.withLock { phase in
            if case .delivered(let value) = phase {
                phase = .done
                return .some(value)
            }
            phase = .installed(continuation)
            return .none
        }
        if let early { continuation.resume(returning: early) }
    }

    func deliver(_ value: Result?) {
        let continuation: CheckedContinuation<Result?, Never>? = phase.withLock { phase in
            switch phase {
            case .waiting:
                phase = .delivered(value)
                return nil
            case .installed(let continuation):
                phase = .done
                return continuation
            case .delivered, .done:
                return nil
            }
        }
        continuation?.resume(returning: value)
    }
}
