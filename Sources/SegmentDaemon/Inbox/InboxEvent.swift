/// Something that happened in the inbox, as the daemon needs to know it.
package enum InboxEvent: Sendable, Equatable {
    /// A file was closed after being written (`IN_CLOSE_WRITE`).
    case closedAfterWrite(name: String)
    /// A file was renamed into the inbox (`IN_MOVED_TO`): it appears complete.
    case movedIn(name: String)
    /// A new name appeared (`IN_CREATE`): a file being created, or a hard link to an existing one.
    case created(name: String)
    /// The kernel's event queue overflowed (`IN_Q_OVERFLOW`): events were lost, the inbox must be scanned.
    case overflow
    /// The watch is gone (inbox deleted, moved or unmounted); until ``watchRestored`` only scans find files.
    case watchLost(reason: String)
    /// The inbox directory is back (created or moved in again) and watched again: the inbox must be scanned for the
    /// files that arrived while it was not watched.
    case watchRestored
}

/// Where the daemon's inbox events come from: inotify in production, a scripted stream in tests.
package protocol InboxEventSource: Sendable {
    /// The events, in the order they happened. The sequence ends when the source stops.
    var events: AsyncStream<InboxEvent> { get }
    /// Stops delivering events and releases what the source holds; the sequence then ends.
    func stop()
}
