import NIOCore
import Synchronization

/// A sleep on an event loop's timer that is taken off the loop as soon as the sleeping task is cancelled.
///
/// `Task.sleep` is not: on Linux a cancelled sleep returns at once but its timer, and the memory of the sleep (about
/// 750 bytes), stay until the deadline. The request timeout raced every request against such a sleep of
/// `request_timeout` (300 s by default), so each request left its sleep behind for five minutes: measured, 20,000
/// requests a second grew the server by about 15 MB a second, and each sleep cost a timer on the dispatch thread.
enum EventLoopSleep {
    /// Returns once `duration` has passed on `loop`, or at once when the calling task is (or gets) cancelled.
    static func sleep(for duration: Duration, on loop: any EventLoop) async {
        let sleeper = Sleeper()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                sleeper.start(continuation) {
                    loop.scheduleTask(in: HTTPService.timeAmount(duration)) { sleeper.wake() }
                }
            }
        } onCancel: {
            sleeper.wake()
        }
    }
}

/// One sleep's state: the waiting continuation and its timer. ``wake()`` resumes the continuation exactly once and
/// cancels the timer, whichever comes first, the timer or the cancellation (which may even come before the start).
private final class Sleeper: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Void, Never>?
        var timer: Scheduled<Void>?
        var woken = false
    }

    private let state = Mutex(State())

    func start(_ continuation: CheckedContinuation<Void, Never>, schedule: () -> Scheduled<Void>) {
        let woken = state.withLock { state in
            if !state.woken { state.continuation = continuation }
            return state.woken
        }
        guard !woken else { return continuation.resume() }
        let timer = schedule()
        let cancelled = state.withLock { state in
            if !state.woken { state.timer = timer }
            return state.woken
        }
        if cancelled { timer.cancel() }
    }

    func wake() {
        let (continuation, timer) = state.withLock { state in
            defer {
                state.woken = true
                state.continuation = nil
                state.timer = nil
            }
            return (state.continuation, state.timer)
        }
        timer?.cancel()
        continuation?.resume()
    }
}
