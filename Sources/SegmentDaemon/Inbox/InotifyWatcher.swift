import CInotifyTools
import Foundation
import SegmentIO
import Synchronization

/// Watches one directory with libinotifytools and delivers ``InboxEvent``s as an `AsyncStream`.
///
/// This is the only type that calls libinotifytools. The library keeps process-wide state, returns events in a
/// static buffer and blocks in `inotifytools_next_event`, so everything runs on one dedicated thread, each event is
/// copied into an ``InboxEvent`` before it is handed on, and only one watcher exists per process at a time.
/// `inotifytools_next_event` waits in whole seconds, so ``stop()`` takes effect within about a second
/// (longer while events keep arriving: the thread only leaves once the library's buffer is empty).
public final class InotifyWatcher: InboxEventSource {
    public let events: AsyncStream<InboxEvent>
    private let continuation: AsyncStream<InboxEvent>.Continuation
    private let stopFlag = StopFlag()
    private let directory: String

    /// Guards the library's process-wide state: true while a watcher thread owns it.
    private static let libraryInUse = Mutex<Bool>(false)

    /// Starts watching `directory`. Returns once the watch is in place, so a scan made after it misses nothing.
    public init(directory: String) throws(DaemonError) {
        self.directory = directory
        (events, continuation) = AsyncStream.makeStream(of: InboxEvent.self, bufferingPolicy: .unbounded)
        try Self.claimLibrary(directory: directory)
        let setup = SetupResult()
        let thread = Thread { [continuation, stopFlag] in
            Self.runLoop(directory: directory, setup: setup, continuation: continuation, stopFlag: stopFlag)
        }
        thread.name = "segmentd-inotify"
        thread.start()
        if let failure = setup.wait() {
            throw DaemonError.watch(path: directory, cause: failure)
        }
    }

    /// Asks the watcher thread to stop; the event sequence ends when it has.
    public func stop() {
        stopFlag.value.store(true, ordering: .relaxed)
    }

    deinit {
        stop()
    }

    private static func claimLibrary(directory: String) throws(DaemonError) {
        // A watcher that was just stopped may need up to one timeout period to release the library.
        for _ in 0..<300 {
            let claimed = libraryInUse.withLock { inUse in
                if inUse { return false }
                inUse = true
                return true
            }
            if claimed { return }
            usleep(10_000)
        }
        throw DaemonError.watcherBusy(path: directory)
    }

    private static func runLoop(
        directory: String, setup: SetupResult,
        continuation: AsyncStream<InboxEvent>.Continuation, stopFlag: StopFlag
    ) {
        defer {
            inotifytools_cleanup()
            continuation.finish()
            libraryInUse.withLock { $0 = false }
        }
        guard inotifytools_initialize() == 1 else {
            setup.finish(ErrnoError(operation: "inotifytools_initialize", path: directory, code: inotifytools_error()))
            return
        }
        let mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
        guard inotifytools_watch_file(directory, mask) == 1 else {
            setup.finish(ErrnoError(operation: "inotify_add_watch", path: directory, code: inotifytools_error()))
            return
        }
        setup.finish(nil)
        // Leave only on a timeout: the library's static buffer is then empty, so a later watcher in this process
        // cannot be handed events left over from this one.
        var watchLost = false
        while true {
            guard let raw = inotifytools_next_event(1) else {
                if stopFlag.value.load(ordering: .relaxed) { return }
                continue
            }
            guard !watchLost, let event = copyEvent(raw) else { continue }
            if case .watchLost = event { watchLost = true }
            continuation.yield(event)
        }
    }

    /// Copies what the daemon needs out of the library's static event buffer.
    private static func copyEvent(_ raw: UnsafeMutablePointer<inotify_event>) -> InboxEvent? {
        let mask = raw.pointee.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return .overflow }
        if mask & UInt32(IN_UNMOUNT) != 0 { return .watchLost(reason: "the filesystem was unmounted") }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { return .watchLost(reason: "the directory was deleted or moved") }
        if mask & UInt32(IN_IGNORED) != 0 { return .watchLost(reason: "the kernel removed the watch") }
        var eventName: UnsafePointer<CChar>?
        var directoryLength = 0
        _ = inotifytools_filename_from_event(raw, &eventName, &directoryLength)
        guard let eventName else { return nil }
        let name = RawPath.decode(UnsafeRawBufferPointer(start: eventName, count: strlen(eventName)))
        guard !name.isEmpty else { return nil }
        if mask & UInt32(IN_CLOSE_WRITE) != 0 { return .closedAfterWrite(name: name) }
        if mask & UInt32(IN_MOVED_TO) != 0 { return .movedIn(name: name) }
        if mask & UInt32(IN_CREATE) != 0 { return .created(name: name) }
        return nil
    }
}

/// Set by ``InotifyWatcher/stop()``, read by the watcher thread after every event or timeout.
private final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}

/// Hands the watch set-up result from the watcher thread to the initialiser.
private final class SetupResult: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let failure = Mutex<ErrnoError?>(nil)

    func finish(_ error: ErrnoError?) {
        failure.withLock { $0 = error }
        semaphore.signal()
    }

    func wait() -> ErrnoError? {
        semaphore.wait()
        return failure.withLock { $0 }
    }
}
