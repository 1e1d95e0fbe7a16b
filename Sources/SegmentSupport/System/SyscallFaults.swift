import Synchronization

/// A test seam: makes a named system call of ``Syscall`` fail with a chosen `errno`, for errors a test machine cannot
/// produce for real (a disk quota, `EDQUOT`, on a kernel without quota support).
///
/// Compiled into every build and cheap when unused: ``Syscall/valueOrErrno(_:_:retryOnInterrupt:_:)`` reads one
/// atomic flag. Only tests arm it, through ``with(_:_:)``; a rule names the call and a part of the path, so tests
/// running beside each other in one process do not see each other's faults.
package enum SyscallFaults {
    /// Which call fails, how, and how often.
    package struct Rule: Sendable {
        /// The call's name as the wrapper gives it, e.g. `write` or `open`.
        package var operation: String
        /// The call fails only on a path containing this text (a test's own directory).
        package var pathContaining: String
        /// The `errno` the call fails with.
        package var code: Int32

        package init(operation: String, pathContaining: String, code: Int32) {
            self.operation = operation
            self.pathContaining = pathContaining
            self.code = code
        }
    }

    private static let armed = Atomic<Int>(0)
    private static let rules = Mutex<[Int: Rule]>([:])
    private static let nextKey = Atomic<Int>(0)

    /// True while any rule is in force; the only cost of the seam on the normal path.
    @inline(__always)
    static var isArmed: Bool { armed.load(ordering: .relaxed) > 0 }

    /// Runs `body` with `rule` in force, then removes it.
    package static func with<T>(_ rule: Rule, _ body: () throws -> T) rethrows -> T {
        let key = nextKey.wrappingAdd(1, ordering: .relaxed).newValue
        rules.withLock { $0[key] = rule }
        armed.add(1, ordering: .sequentiallyConsistent)
        defer {
            rules.withLock { $0[key] = nil }
            armed.subtract(1, ordering: .sequentiallyConsistent)
        }
        return try body()
    }

    /// The code a rule makes `operation` on `path` fail with, if any.
    static func injected(_ operation: String, _ path: String?) -> Int32? {
        guard let path else { return nil }
        return rules.withLock { rules in
            rules.values.first { $0.operation == operation && path.contains($0.pathContaining) }?.code
        }
    }
}
