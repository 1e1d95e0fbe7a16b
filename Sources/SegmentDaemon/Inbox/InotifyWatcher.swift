import CInotifyTools
import Foundation
import SegmentSupport
import Synchronization
import SegmentSupport

/// Watches one directory with libinotifytools and delivers ``InboxEvent``s as an `AsyncStream`.
///
/// This is the only type that calls libinotifytools. The library keeps process-wide state, returns events in a
/// static buffer and blocks in `inotifytools_next_event`, so everything runs on one dedicated thread, each event is
/// copied into an ``InboxEvent`` before it is handed on, and only one watcher exists per process at a time.
/// `inotifytools_next_event` waits in whole seconds, so ``stop()`` takes effect within about a second
/// (longer while events keep arriving: the thread only leaves once the library's buffer is empty).
package final class InotifyWatcher: InboxEventSource {
    package let events: AsyncStream<InboxEvent>
    private let continuation: AsyncStream<InboxEvent>.Continuation
    private let stopFlag = StopFlag()
    private let directory: String

    /// Guards the library's process-wide state: taken by a watcher thread for as long as it runs.
    private static let library = DispatchSemaphore(value: 1)

    /// Starts watching `directory` on `executor` (the start blocks: it may wait for an earlier watcher to release
    /// the library, then for the watch to be in place). Returns once the watch is in place.
    static func start(directory: String, on executor: BlockingExecutor) async throws -> InotifyWatcher {
        try await executor.run { try InotifyWatcher(directory: directory) }
    }

    /// Starts watching `directory`, blocking the calling thread until the watch is in place, so a scan made after
    /// it misses nothing. Async callers use ``start(directory:on:)``.
    package init(directory: String) throws(DaemonError) {
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
    package func stop() {
        stopFlag.value.store(true, ordering: .relaxed)
    }

    deinit {
        stop()
    }

    private static func claimLibrary(directory: String) throws(DaemonError) {
        // A watcher that was just stopped may need up to one timeout period to release the library.
        guard library.wait(timeout: .now() + .seconds(3)) == .success else {
            throw DaemonError.watcherBusy(path: directory)
        }
    }

    private static func runLoop(
        directory: String, setup: SetupResult,
        continuation: AsyncStream<InboxEvent>.Continuation, stopFlag: StopFlag
    ) {
        defer {
            inotifytools_cleanup()
            continuation.finish()
            library.signal()
        }
        guard inotifytools_initialize() == 1 else {
            setup.finish(Errno(inotifytools_error(), operation: "inotifytools_initialize", path: directory))
            return
        }
        var watch = InboxWatch(directory: directory)
        guard watch.watchInbox() else {
            setup.finish(Errno(inotifytools_error(), operation: "inotify_add_watch", path: directory))
            return
        }
        setup.finish(nil)
        // Leave only on a timeout: the library's static buffer is then empty, so a later watcher in this process
        // cannot be handed events left over from this one.
        while true {
            guard let raw = inotifytools_next_event(1) else {
                if stopFlag.value.load(ordering: .relaxed) { return }
                if let event = watch.retry() { continuation.yield(event) }
                continue
            }
            for event in watch.interpret(raw) {
                continuation.yield(event)
            }
        }
    }
}

/// The watch on the inbox, and how it is restored when the inbox directory is removed or replaced.
///
/// When the inbox goes (`IN_DELETE_SELF`, `IN_MOVE_SELF`, `IN_UNMOUNT`, then `IN_IGNORED`), its parent directory is
/// watched for the inbox's name to appear again (`IN_CREATE`, `IN_MOVED_TO`); then the inbox is watched again at
/// once and ``InboxEvent/watchRestored`` asks the daemon to scan it for files that arrived in between. Every
/// timeout of the event loop also checks whether the inbox is back, in case the parent could not be watched.
///
/// Events are told apart by the directory of the watch they come from (libinotifytools' file name of the watch):
/// the kernel reports the end of a watch with `IN_IGNORED` but the library keeps its record of that watch, so the
/// same name can stand for a dead watch and a new one. A new watch is therefore only added once the old one is
/// known to be dead, and the old one's later events are dropped.
private struct InboxWatch {
    static let inboxMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR
    static let parentMask = IN_CREATE | IN_MOVED_TO | IN_ONLYDIR

    let directory: String
    /// The watches' names as the library records them: the directory paths with a final slash.
    let inboxName: String
    let parentName: String
    let parent: String
    /// The inbox's name in its parent.
    let base: String
    /// The inbox is watched.
    var watching = false
    /// The inbox was lost and its old watch may still deliver events (no `IN_IGNORED` seen yet).
    var oldWatchAlive = false
    var parentWatched = false

    init(directory: String) {
        var trimmed = directory
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
        inboxName = trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
        (parent, base) = Path.split(trimmed)
        parentName = parent.hasSuffix("/") ? parent : parent + "/"
    }

    /// Adds the watch on the inbox; false (with `inotifytools_error()` set) when it cannot be added.
    mutating func watchInbox() -> Bool {
        guard inotifytools_watch_file(directory, Self.inboxMask) == 1 else { return false }
        watching = true
        return true
    }

    /// The events `raw` stands for (usually one, none for the parent's unrelated entries).
    mutating func interpret(_ raw: UnsafeMutablePointer<inotify_event>) -> [InboxEvent] {
        let mask = raw.pointee.mask
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return [.overflow] }
        var eventName: UnsafePointer<CChar>?
        var directoryLength = 0
        guard let watchPath = inotifytools_filename_from_event(raw, &eventName, &directoryLength) else { return [] }
        let watchName = String(cString: watchPath)
        let name = eventName.map { RawPath.decode(UnsafeRawBufferPointer(start: $0, count: strlen($0))) } ?? ""
        if watchName == inboxName {
            return inboxEvent(mask: mask, name: name, descriptor: raw.pointee.wd)
        }
        if watchName == parentName {
            if mask & UInt32(IN_IGNORED) != 0 { parentWatched = false }
            guard !watching, name == base, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 else { return [] }
            return restore().map { [$0] } ?? []
        }
        return []
    }

    private mutating func inboxEvent(mask: UInt32, name: String, descriptor: Int32) -> [InboxEvent] {
        if mask & UInt32(IN_IGNORED) != 0 {
            guard watching || oldWatchAlive else { return [] }
            let lostNow = watching
            watching = false
            oldWatchAlive = false
            watchParent()
            let restored = restore()
            let lost = lostNow ? [InboxEvent.watchLost(reason: "the kernel removed the watch")] : []
            return lost + (restored.map { [$0] } ?? [])
        }
        let reason: String? =
            if mask & UInt32(IN_UNMOUNT) != 0 {
                "the filesystem was unmounted"
            } else if mask & UInt32(IN_DELETE_SELF) != 0 {
                "the directory was deleted"
            } else if mask & UInt32(IN_MOVE_SELF) != 0 { "the directory was moved away" } else { nil }
        if let reason {
            guard watching else { return [] }
            watching = false
            oldWatchAlive = true
            if mask & UInt32(IN_MOVE_SELF) != 0 {
                // The kernel keeps watching the moved directory: end that watch, so its events stop.
                if inotifytools_remove_watch_by_wd(descriptor) == 1 { oldWatchAlive = false }
            }
            watchParent()
            let restored = oldWatchAlive ? nil : restore()
            return [.watchLost(reason: reason)] + (restored.map { [$0] } ?? [])
        }
        guard watching, !name.isEmpty else { return [] }
        if mask & UInt32(IN_CLOSE_WRITE) != 0 { return [.closedAfterWrite(name: name)] }
        if mask & UInt32(IN_MOVED_TO) != 0 { return [.movedIn(name: name)] }
        if mask & UInt32(IN_CREATE) != 0 { return [.created(name: name)] }
        return []
    }

    /// On a timeout of the event loop: restores the watch if the inbox is back, and watches its parent if that
    /// failed before.
    mutating func retry() -> InboxEvent? {
        guard !watching, !oldWatchAlive else { return nil }
        watchParent()
        return restore()
    }

    private mutating func watchParent() {
        guard !parentWatched else { return }
        parentWatched = inotifytools_watch_file(parent, Self.parentMask) == 1
    }

    /// Watches the inbox again if it exists now; the parent's watch is then no longer needed.
    private mutating func restore() -> InboxEvent? {
        guard !watching, !oldWatchAlive, (try? Syscall.statusFollowingLinks(directory))?.kind == .directory,
            watchInbox()
        else { return nil }
        if parentWatched {
            let descriptor = inotifytools_wd_from_filename(parentName)
            if descriptor >= 0, inotifytools_remove_watch_by_wd(descriptor) == 1 { parentWatched = false }
        }
        return .watchRestored
    }
}

/// Set by ``InotifyWatcher/stop()``, read by the watcher thread after every event or timeout.
private final class StopFlag: Sendable {
    let value = Atomic<Bool>(false)
}

/// Hands the watch set-up result from the watcher thread to the initialiser.
private final class SetupResult: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let failure = Mutex<Errno?>(nil)

    func finish(_ error: Errno?) {
        failure.withLock { $0 = error }
        semaphore.signal()
    }

    func wait() -> Errno? {
        semaphore.wait()
        return failure.withLock { $0 }
    }
}
