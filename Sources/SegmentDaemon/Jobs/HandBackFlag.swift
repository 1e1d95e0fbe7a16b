import Synchronization

/// Tells a running ``FileJob`` that shutdown gave up waiting for it.
final class HandBackFlag: Sendable {
    private let value = Atomic<Bool>(false)

    /// True once ``set()`` was called.
    var isSet: Bool { value.load(ordering: .acquiring) }

    /// Asks the job to stop at its next step.
    func set() {
        value.store(true, ordering: .releasing)
    }
}
