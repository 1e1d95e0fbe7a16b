@testable import SegmentDaemon

/// An inbox event source a test drives by hand.
final class ScriptedEventSource: InboxEventSource {
    let events: AsyncStream<InboxEvent>
    private let continuation: AsyncStream<InboxEvent>.Continuation

    init() {
        (events, continuation) = AsyncStream.makeStream(of: InboxEvent.self)
    }

    func send(_ event: InboxEvent) {
        continuation.yield(event)
    }

    func stop() {
        continuation.finish()
    }
}
