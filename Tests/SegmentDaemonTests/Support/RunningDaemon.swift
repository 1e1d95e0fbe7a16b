import Foundation
import ServiceLifecycle
import Synchronization
@testable import SegmentDaemon

/// A daemon serving in a background task, that a test can wait on and shut down gracefully.
final class RunningDaemon: Sendable {
    private let group = Mutex<ServiceGroup?>(nil)
    private let task = Mutex<Task<Void, any Error>?>(nil)

    /// Starts `daemon` with `source` (nil: a real inotify watch in watch mode) and returns once it is set up;
    /// rethrows the error when `run()` fails before that.
    /// `services` builds the extra services of ``Daemon/run(services:)``.
    static func start(
        _ daemon: Daemon, source: (any InboxEventSource)?, startWatcher: Bool = false,
        services: @escaping @Sendable (DaemonHandle) async throws -> [any Service] = { _ in [] }
    ) async throws -> RunningDaemon {
        let running = RunningDaemon()
        let failure = Mutex<(any Error)?>(nil)
        let task = Task {
            do {
                try await daemon.run(eventSource: source, startWatcher: startWatcher, services: services) { group in
                    running.group.withLock { $0 = group }
                }
            } catch {
                failure.withLock { $0 = error }
                throw error
            }
        }
        running.task.withLock { $0 = task }
        try await eventually("the daemon starts") {
            if let error = failure.withLock({ $0 }) { throw error }
            return running.group.withLock { $0 != nil }
        }
        return running
    }

    /// Triggers a graceful shutdown (as SIGTERM does) and waits for `run()` to return.
    func shutDown() async throws {
        await triggerShutdown()
        try await waitForExit()
    }

    /// Triggers a graceful shutdown (as SIGTERM does) without waiting for it.
    func triggerShutdown() async {
        let group = self.group.withLock { $0 }
        await group?.triggerGracefulShutdown()
    }

    /// Waits for `run()` to return.
    func waitForExit() async throws {
        try await task.withLock { $0 }?.value
    }
}

/// Waits until `condition` holds, checking every 20 ms, at most `timeout / 20 ms` times.
///
/// The budget counts checks, not wall-clock time: every suite shares one test process, and on two cores a few
/// CPU-bound tests can starve the whole cooperative pool for many seconds. The daemon under test runs on that same
/// pool, so a wall-clock deadline would expire while neither the daemon nor the test could run.
func eventually(
    _ what: String, timeout: Duration = .seconds(10), _ condition: @Sendable () async throws -> Bool
) async throws {
    let interval = Duration.milliseconds(20)
    var checksLeft = Int(timeout / interval)
    while try await !condition() {
        guard checksLeft > 0 else { throw TestTreeError(message: "timed out waiting until \(what)") }
        checksLeft -= 1
        try await Task.sleep(for: interval)
    }
}
