import Synchronization

/// The processor jobs start with now, readable from any thread without a hop to the coordinator actor.
///
/// The HTTP server scores each request with the processor of the moment; a reload swaps it here in one step
/// (``JobCoordinator/replaceContext(_:)``). The lock is held only to copy or replace the reference, never during a
/// job, so a reader never waits on scoring; a job or request keeps the processor it took.
final class CurrentProcessor: Sendable {
    private let processor: Mutex<any FileProcessor>

    init(_ processor: any FileProcessor) {
        self.processor = Mutex(processor)
    }

    /// The processor now.
    var value: any FileProcessor {
        processor.withLock { $0 }
    }

    /// Installs `newProcessor` for the jobs and requests that start from now on.
    func replace(with newProcessor: any FileProcessor) {
        processor.withLock { $0 = newProcessor }
    }
}
