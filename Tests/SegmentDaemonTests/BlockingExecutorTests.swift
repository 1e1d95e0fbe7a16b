import Dispatch
import Synchronization
import Testing
@testable import SegmentDaemon

/// The bounded executor: cancellation before the start, hand-back after it, shutdown. Threads are held busy with
/// semaphores, never with sleeps.
@Suite("Blocking executor")
struct BlockingExecutorTests {
    /// Holds the executor's only thread until `release()`; returns once the thread is known to be busy.
    private func occupy(_ executor: BlockingExecutor) async -> (
        task: Task<Void, any Error>, release: @Sendable () -> Void
    ) {
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        let task = Task {
            try await executor.run {
                started.signal(); gate.wait()
            }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        return (task, { gate.signal() })
    }

    @Test("work cancelled before it starts never runs and throws CancellationError")
    func cancelledBeforeStartDoesNotRun() async throws {
        let executor = BlockingExecutor(threads: 1)
        let busy = await occupy(executor)
        let ran = Ran()
        let queued = Task { try await executor.run { ran.value.store(true, ordering: .sequentiallyConsistent) } }
        queued.cancel()

        await #expect(throws: CancellationError.self) { try await queued.value }
        busy.release()
        try await busy.task.value
        // Work runs in the order it was queued: once this has run, the cancelled work would have run before it.
        try await executor.run {}
        let cancelledWorkRan = ran.value.load(ordering: .sequentiallyConsistent)
        #expect(!cancelledWorkRan)
    }

    @Test("a started job handed back returns at once; its work runs on to its end")
    func abandonedWorkReturnsAtOnce() async throws {
        let executor = BlockingExecutor(threads: 2)
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        let ended = DispatchSemaphore(value: 0)
        let job = Task {
            try await executor.run(abandoningOnCancel: true) {
                started.signal()
                gate.wait()
                ended.signal()
            }
        }
        await waitFor(started)
        job.cancel()

        await #expect(throws: CancellationError.self) { try await job.value }
        gate.signal()
        await waitFor(ended)
    }

    @Test("shutting down cancels the work still queued")
    func shutDownCancelsQueuedWork() async throws {
        let executor = BlockingExecutor(threads: 1)
        let busy = await occupy(executor)
        let queued = Task { try await executor.run { 42 } }
        // The queued work is in the queue once its task is waiting; a shutdown before that refuses it the same way.
        executor.shutDown()

        await #expect(throws: CancellationError.self) { try await queued.value }
        busy.release()
        try await busy.task.value
        await #expect(throws: CancellationError.self) { try await executor.run { 1 } }
    }

    @Test("results and errors come back to the caller")
    func resultsAndErrorsComeBack() async throws {
        struct Failure: Error {}
        let executor = BlockingExecutor(threads: 2)
        #expect(try await executor.run { 6 * 7 } == 42)
        await #expect(throws: Failure.self) { try await executor.run { throw Failure() } }
    }

    private func waitFor(_ semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                semaphore.wait()
                continuation.resume()
            }
        }
    }
}

/// Set by work that must not run.
private final class Ran: Sendable {
    let value = Atomic<Bool>(false)
}
