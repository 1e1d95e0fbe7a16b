import Foundation
import ServiceLifecycle
import Synchronization
@testable import SegmentDaemon

/// A gate jobs wait at until the test opens it, so a file stays in progress without sleeping.
final class JobGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    /// Waits until the gate is open.
    func pass() {
        condition.lock()
        defer { condition.unlock() }
        while !isOpen { condition.wait() }
    }

    /// Lets every waiting and later job through.
    func open() {
        condition.lock()
        defer { condition.unlock() }
        isOpen = true
        condition.broadcast()
    }
}

/// A value shared between a test and the code it drives.
final class Locked<Value: Sendable>: Sendable {
    private let state: Mutex<Value>

    init(_ value: Value) {
        state = Mutex(value)
    }

    var value: Value {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }

    func mutate(_ change: (inout Value) -> Void) {
        state.withLock { change(&$0) }
    }
}

/// An extra service that records its start and how it was stopped: `started`, then `shut down gracefully` (followed by
/// `readiness: <problem>` for each problem `readiness` gave at that moment) or `cancelled`. It throws `failure` at
/// once when one is given.
struct RecordingService: Service {
    let events = Locked<[String]>([])
    var failure: (any Error & Sendable)?
    var readiness: (@Sendable () async -> [String])?

    func run() async throws {
        events.mutate { $0.append("started") }
        if let failure { throw failure }
        do {
            try await gracefulShutdown()
            let problems = await readiness?() ?? []
            events.mutate { $0 += ["shut down gracefully"] + problems.map { "readiness: " + $0 } }
        } catch {
            events.mutate { $0.append("cancelled") }
        }
    }
}
