/// Where the daemon's inbox events come from: inotify in production, a scripted stream in tests.
public protocol InboxEventSource: Sendable {
    /// The events, in the order they happened. The sequence ends when the source stops.
    var events: AsyncStream<InboxEvent> { get }
    /// Stops delivering events and releases what the source holds; the sequence then ends.
    func stop()
}
