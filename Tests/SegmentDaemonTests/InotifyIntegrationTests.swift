import Foundation
import Testing
@testable import SegmentDaemon

/// libinotifytools keeps process-wide state, so everything that starts a real watch lives in this one serialized suite.
@Suite("inotify integration", .serialized)
struct InotifyIntegrationTests {
    /// Collects events from a watcher until `predicate` holds for the list, or the timeout passes.
    private func collect(
        _ watcher: InotifyWatcher, timeout: Duration = .seconds(20),
        until predicate: @escaping @Sendable ([InboxEvent]) -> Bool
    ) async -> [InboxEvent] {
        await withTaskGroup(of: [InboxEvent]?.self) { group in
            group.addTask {
                var seen: [InboxEvent] = []
                for await event in watcher.events {
                    seen.append(event)
                    if predicate(seen) { return seen }
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }

    @Test("a real watch reports writes, renames into the inbox, rsync-style temporaries and hard links")
    func watcherReportsArrivals() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let watcher = try await InotifyWatcher.start(directory: tree.inbox, on: BlockingExecutor(threads: 1))
        defer { watcher.stop() }
        let outside = tree.root + "/staging"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)

        try tree.drop("written.csv", "id\n1\n")
        try Data("id\n2\n".utf8).write(to: URL(fileURLWithPath: outside + "/renamed.csv"))
        try FileManager.default.moveItem(atPath: outside + "/renamed.csv", toPath: tree.inbox + "/renamed.csv")
        try tree.drop(".synced.csv.Ab12Cd", "id\n3\n")
        try FileManager.default.moveItem(atPath: tree.inbox + "/.synced.csv.Ab12Cd", toPath: tree.inbox + "/synced.csv")
        try Data("id\n4\n".utf8).write(to: URL(fileURLWithPath: outside + "/linked.csv"))
        try FileManager.default.linkItem(atPath: outside + "/linked.csv", toPath: tree.inbox + "/linked.csv")

        let events = await collect(watcher) { $0.contains(.created(name: "linked.csv")) }

        #expect(events.contains(.created(name: "written.csv")))
        #expect(events.contains(.closedAfterWrite(name: "written.csv")))
        #expect(events.contains(.movedIn(name: "renamed.csv")))
        #expect(events.contains(.closedAfterWrite(name: ".synced.csv.Ab12Cd")))
        #expect(events.contains(.movedIn(name: "synced.csv")))
        #expect(events.contains(.created(name: "linked.csv")))
    }

    @Test("the daemon in watch mode takes every kind of arrival and ignores the temporaries")
    func daemonTakesEveryArrival() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let daemon = Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:])
        try tree.drop("before.csv", "id\n0\n")
        let running = try await RunningDaemon.start(daemon, source: nil, startWatcher: true)
        let outside = tree.root + "/staging"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)

        try tree.drop("written.csv", "id\n1\n")
        try Data("id\n2\n".utf8).write(to: URL(fileURLWithPath: outside + "/renamed.csv"))
        try FileManager.default.moveItem(atPath: outside + "/renamed.csv", toPath: tree.inbox + "/renamed.csv")
        try tree.drop(".synced.csv.Ab12Cd", "id\n3\n")
        try FileManager.default.moveItem(atPath: tree.inbox + "/.synced.csv.Ab12Cd", toPath: tree.inbox + "/synced.csv")
        try Data("id\n4\n".utf8).write(to: URL(fileURLWithPath: outside + "/linked.csv"))
        try FileManager.default.linkItem(atPath: outside + "/linked.csv", toPath: tree.inbox + "/linked.csv")
        try tree.drop("upload.csv.part", "id\n5\n")

        let expected = ["before.csv", "linked.csv", "renamed.csv", "synced.csv", "written.csv"]
        try await eventually("every complete file is archived") { tree.names(in: tree.archive) == expected }
        try await running.shutDown()
        #expect(tree.names(in: tree.inbox) == ["upload.csv.part"])
        #expect(FileManager.default.fileExists(atPath: outside + "/linked.csv"))
        for name in expected {
            let stem = String(name.dropLast(4))
            #expect(tree.names(in: tree.outbox).contains("\(stem).manifest.json"))
        }
    }

    @Test("a file being written is not taken until it is closed")
    func openFileWaitsForClose() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let daemon = Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:])
        let running = try await RunningDaemon.start(daemon, source: nil, startWatcher: true)
        // open(2) directly: FileManager.createFile would write elsewhere and rename the file in.
        let descriptor = open(tree.inbox + "/slow.csv", O_WRONLY | O_CREAT | O_EXCL, 0o644)
        try #require(descriptor >= 0)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)

        try handle.write(contentsOf: Data("id\n".utf8))
        // A file closed after the open one was created is taken: its events came after the open file's, so by
        // then the open one would have been taken too, had it been mistaken for complete.
        try tree.drop("closed.csv", "id\n2\n")
        try await eventually("the closed file is archived") { tree.names(in: tree.archive).contains("closed.csv") }
        #expect(tree.names(in: tree.inbox) == ["slow.csv"])
        try handle.write(contentsOf: Data("1\n".utf8))
        try handle.close()

        try await eventually("the file is archived once closed") {
            tree.names(in: tree.archive) == ["closed.csv", "slow.csv"]
        }
        try await running.shutDown()
        #expect(tree.text(tree.outbox, "slow.scored.csv") == "id,segment\n1,1\n")
    }

    @Test("an inbox removed, created again, then moved away and replaced is watched again each time")
    func watchIsRestoredWhenTheInboxComesBack() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let watcher = try await InotifyWatcher.start(directory: tree.inbox, on: BlockingExecutor(threads: 1))
        defer { watcher.stop() }

        // Files that arrive before the watch is back are found by the daemon's scan on `watchRestored`, not by
        // events, so each phase waits for the restored watch before dropping the file it expects an event for.
        try FileManager.default.removeItem(atPath: tree.inbox)
        try FileManager.default.createDirectory(atPath: tree.inbox, withIntermediateDirectories: false)
        let lost = await collect(watcher) { $0.contains(.watchRestored) }
        #expect(lost.contains { if case .watchLost = $0 { true } else { false } })
        #expect(lost.contains(.watchRestored))
        try tree.drop("first.csv", "id\n1\n")
        let first = await collect(watcher) { $0.contains(.closedAfterWrite(name: "first.csv")) }
        #expect(first.contains(.closedAfterWrite(name: "first.csv")))

        try FileManager.default.moveItem(atPath: tree.inbox, toPath: tree.root + "/inbox-old")
        try FileManager.default.createDirectory(atPath: tree.inbox, withIntermediateDirectories: false)
        let moved = await collect(watcher) { $0.contains(.watchRestored) }
        #expect(moved.contains { if case .watchLost = $0 { true } else { false } })
        #expect(moved.contains(.watchRestored))
        try Data("id\n3\n".utf8).write(to: URL(fileURLWithPath: tree.root + "/inbox-old/elsewhere.csv"))
        try tree.drop("second.csv", "id\n2\n")
        let second = await collect(watcher) { $0.contains(.closedAfterWrite(name: "second.csv")) }
        #expect(second.contains(.closedAfterWrite(name: "second.csv")))
        #expect(!second.contains(.closedAfterWrite(name: "elsewhere.csv")), "the moved directory is no longer watched")
    }
}
