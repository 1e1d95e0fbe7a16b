import Foundation
import Testing
@testable import SegmentDaemon

@Suite("Inbox lock")
struct InboxLockTests {
    @Test("a second lock on the same file is refused at once, naming the holder's pid")
    func secondLockIsRefused() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let first = try InboxLock(path: tree.configuration.lockFile, inbox: tree.inbox)

        #expect {
            _ = try InboxLock(path: tree.configuration.lockFile, inbox: tree.inbox)
        } throws: { error in
            guard let error = error as? DaemonError else { return false }
            return error.isAlreadyRunning && error.message.contains("process \(getpid())")
                && error.message.contains(tree.inbox)
        }
        withExtendedLifetime(first) {}
    }

    @Test("the lock is free again once its holder is gone")
    func lockIsReleased() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        do {
            _ = try InboxLock(path: tree.configuration.lockFile, inbox: tree.inbox)
        }

        let again = try InboxLock(path: tree.configuration.lockFile, inbox: tree.inbox)

        #expect(again.path == tree.configuration.lockFile)
    }

    @Test("a second daemon on the same inbox exits at once with a clear message")
    func secondDaemonRefuses() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let holder = try InboxLock(path: tree.configuration.lockFile, inbox: tree.inbox)
        let daemon = Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:])

        await #expect {
            _ = try await daemon.runOnce()
        } throws: { error in
            (error as? DaemonError)?.isAlreadyRunning == true
        }
        withExtendedLifetime(holder) {}
    }
}
