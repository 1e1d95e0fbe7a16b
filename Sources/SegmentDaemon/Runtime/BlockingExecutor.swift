import Foundation
import Synchronization

/// The daemon's one place to run blocking work: the session's start (directories, lock, ledger, model), file jobs,
/// inbox scans, settling looks (`lstat`, `open`), configuration reloads and the start of the inotify watch.
///
/// Swift's cooperative pool has one thread per core; a blocking call there (a stalled NFS `lstat` in poll mode, a
/// job scoring for minutes) stops every task behind it. The executor keeps a fixed pool of threads instead
/// (`workers + 2`: one per job, and two left for scans and looks while every worker is busy), so blocking work
/// never starts threads of its own and never runs on the cooperative pool. CPU-parallel scoring inside a job keeps
/// its own data-parallel loop: a job never waits on pieces queued behind itself.
///
/// The shape is that of swift-nio's `NIOThreadPool.runIfActive`: work cancelled before it starts does not run and
/// ``run(abandoningOnCancel:_:)`` throws `CancellationError`; work that has started runs to its end.
/// ``shutDown()`` (or dropping the executor) cancels what is still queued and lets the threads end.
package final class BlockingExecutor: Sendable {
    private let pool: WorkerPool

    /// Starts `threads` threads named `name`.
    package init(threads: Int, name: String = "segmentd-blocking") {
        pool = WorkerPool(threads: max(1, threads))
        for index in 0..<max(1, threads) {
            let pool = self.pool
            let thread = Thread { pool.serve(index) }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    deinit {
        pool.shutDown()
    }

    /// Runs `work` on a pool thread and returns its result.
    ///
    /// Throws `CancellationError` if the calling task is cancelled before the work starts, or once the executor is
    /// shut down. With `abandoningOnCancel` a cancellation after the start returns at once too (the work runs on
    /// to its end on its thread and its result is dropped): shutdown uses it not to wait for a job it handed back.
    package func run<Value: Sendable>(
        abandoningOnCancel: Bool = false, _ work: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try Task.checkCancellation()
        let ticket = Ticket<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                ticket.install(continuation)
                let accepted = pool.enqueue(
                    WorkerPool.Item(
                        run: {
                            guard ticket.start() else { return }
                            ticket.resolve(Result { try work() })
                        },
                        cancel: { ticket.resolve(.failure(CancellationError())) }))
                if !accepted { ticket.resolve(.failure(CancellationError())) }
            }
        } onCancel: {
            ticket.cancel(abandoning: abandoningOnCancel)
        }
    }

    /// Cancels the queued work and lets the threads end once their current work is done. Does not wait.
    package func shutDown() {
        pool.shutDown()
    }
}

/// The queue the threads take work from.
///
/// The thread that went idle last is woken first (a stack, not a round): a job then mostly runs on the thread that
/// ran the one before, whose malloc arena and caches are warm, as when each job had a thread of its own that ended
/// with it (a round over all threads would give each its own arena and raise the daemon's peak memory).
private final class WorkerPool: Sendable {
    struct Item: Sendable {
        let run: @Sendable () -> Void
        let cancel: @Sendable () -> Void
    }

    private struct State {
        var queue: [Item] = []
        var open = true
        /// Threads waiting for work, the last to go idle on top.
        var idle: [Int] = []
    }

    private let state = Mutex(State())
    /// One wake-up per thread.
    private let wakeUps: [DispatchSemaphore]

    init(threads: Int) {
        wakeUps = (0..<threads).map { _ in DispatchSemaphore(value: 0) }
    }

    /// Queues `item` and wakes the thread that went idle last; false once shut down.
    func enqueue(_ item: Item) -> Bool {
        let (accepted, wake) = state.withLock { state -> (Bool, Int?) in
            guard state.open else { return (false, nil) }
            state.queue.append(item)
            return (true, state.idle.popLast())
        }
        if let wake { wakeUps[wake].signal() }
        return accepted
    }

    /// Thread `index`'s loop: runs queued items, oldest first, until shutdown.
    func serve(_ index: Int) {
        while true {
            let next: Item?? = state.withLock { state in
                if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                guard state.open else { return nil }
                state.idle.append(index)
                return .some(nil)
            }
            switch next {
            case nil: return
            case .some(nil): wakeUps[index].wait()
            case .some(let item?): item.run()
            }
        }
    }

    func shutDown() {
        let dropped = state.withLock { state -> [Item]? in
            guard state.open else { return nil }
            state.open = false
            state.idle = []
            defer { state.queue = [] }
            return state.queue
        }
        guard let dropped else { return }
        for item in dropped { item.cancel() }
        for wakeUp in wakeUps { wakeUp.signal() }
    }
}

/// One call's way back to its caller: resumed exactly once, with the result or a cancellation, whichever is first.
private final class Ticket<Value: Sendable>: Sendable {
    private struct State {
        var started = false
        var cancelled = false
        var continuation: CheckedContinuation<Value, any Error>?
        /// A resolution that came before the continuation was installed.
        var early: Result<Value, any Error>?
        var resolved = false
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Value, any Error>) {
        let early = state.withLock { state -> Result<Value, any Error>? in
            if let early = state.early { return early }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(with: early) }
    }

    /// True when the work may start: it was not cancelled first.
    func start() -> Bool {
        let cancelled = state.withLock { state in
            state.started = !state.cancelled
            return state.cancelled
        }
        return !cancelled
    }

    func cancel(abandoning: Bool) {
        let resolveNow = state.withLock { state in
            if !state.started { state.cancelled = true }
            return !state.started || abandoning
        }
        if resolveNow { resolve(.failure(CancellationError())) }
    }

    func resolve(_ result: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            guard !state.resolved else { return nil }
            state.resolved = true
            guard let continuation = state.continuation else {
                state.early = result
                return nil
            }
            state.continuation = nil
            return continuation
        }
        continuation?.resume(with: result)
    }
}
