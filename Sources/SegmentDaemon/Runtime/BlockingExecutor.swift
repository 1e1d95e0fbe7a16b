import Foundation
import Synchronization

/// The daemon's one place to run blocking work: file jobs, inbox scans, settling looks (`lstat`, `open`),
/// configuration reloads and the start of the inotify watch.
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
final class BlockingExecutor: Sendable {
    private let pool: WorkerPool

    /// Starts `threads` threads named `name`.
    init(threads: Int, name: String = "segmentd-blocking") {
        pool = WorkerPool(threads: max(1, threads))
        for index in 0..<max(1, threads) {
            let pool = self.pool
            let thread = Thread { pool.serve() }
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
    func run<Value: Sendable>(
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
    func shutDown() {
        pool.shutDown()
    }
}

/// The queue the threads take work from.
private final class WorkerPool: Sendable {
    struct Item: Sendable {
        let run: @Sendable () -> Void
        let cancel: @Sendable () -> Void
    }

    private struct State {
        var queue: [Item] = []
        var open = true
    }

    private let state = Mutex(State())
    /// Counts the items queued (and the wake-ups owed to the threads at shutdown).
    private let available = DispatchSemaphore(value: 0)
    private let threads: Int

    init(threads: Int) {
        self.threads = threads
    }

    /// Queues `item`; false once shut down.
    func enqueue(_ item: Item) -> Bool {
        let accepted = state.withLock { state in
            guard state.open else { return false }
            state.queue.append(item)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// A thread's loop: runs queued items, oldest first, until shutdown.
    func serve() {
        while true {
            available.wait()
            let next: Item?? = state.withLock { state in
                if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                return state.open ? .some(nil) : nil
            }
            guard let next else { return }
            next?.run()
        }
    }

    func shutDown() {
        let dropped = state.withLock { state -> [Item]? in
            guard state.open else { return nil }
            state.open = false
            defer { state.queue = [] }
            return state.queue
        }
        guard let dropped else { return }
        for item in dropped { item.cancel() }
        for _ in 0..<threads { available.signal() }
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
