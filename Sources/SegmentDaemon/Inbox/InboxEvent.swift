/// Something that happened in the inbox, as the daemon needs to know it.
public enum InboxEvent: Sendable, Equatable {
    /// A file was closed after being written (`IN_CLOSE_WRITE`).
    case closedAfterWrite(name: String)
    /// A file was renamed into the inbox (`IN_MOVED_TO`): it appears complete.
    case movedIn(name: String)
    /// A new name appeared (`IN_CREATE`): a file being created, or a hard link to an existing one.
    case created(name: String)
    /// The kernel's event queue overflowed (`IN_Q_OVERFLOW`): events were lost, the inbox must be scanned.
    case overflow
    /// The watch is gone (inbox deleted, moved or unmounted); the daemon falls back to scanning.
    case watchLost(reason: String)
}
