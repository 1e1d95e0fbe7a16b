import Foundation

/// Blocking work of a test (a `curl` process, a long synchronous loop) on a thread of its own.
///
/// Swift concurrency shares as many threads as there are cores; on two cores two blocking tasks hold all of them,
/// and every other task of the test — the one that sends a signal when the clients are busy — waits until they end.
public enum OwnThread {
    public static func run<Value: Sendable>(
        _ body: @escaping @Sendable () throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Swift.Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
