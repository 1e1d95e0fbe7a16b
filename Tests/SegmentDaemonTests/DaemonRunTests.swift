import Foundation
import Testing
@testable import SegmentDaemon

@Suite("Daemon run")
struct DaemonRunTests {
    private func daemon(
        _ tree: TestTree, processor: FakeProcessor = FakeProcessor(),
        probe: any OutboxHealthProbe = FileSystemOutboxProbe(), environment: [String: String] = [:]
    ) -> Daemon {
        Daemon(
            configuration: tree.configuration, processorFactory: { _ in processor }, logger: .quiet,
            environment: environment, outboxProbe: probe
        )
    }

    @Test("--once processes the inbox and what an earlier run left in the work directory, then returns")
    func onceProcessesInboxAndLeftovers() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        try tree.drop("a.csv", "id\n1\n")
        try tree.drop("b.csv", "nope\n")
        try tree.drop(".c.csv.tmp", "id\n3\n")
        try Data("id\n4\n".utf8).write(to: URL(fileURLWithPath: tree.work + "/left.csv"))

        let summary = try await daemon(tree).runOnce()

        #expect(summary.scored == 2)
        #expect(summary.failed == 1)
        #expect(tree.names(in: tree.inbox) == [".c.csv.tmp"])
        #expect(tree.names(in: tree.archive) == ["a.csv", "left.csv"])
        #expect(tree.names(in: tree.failed) == ["b.csv", "b.csv.error.json"])
        #expect(tree.names(in: tree.work).isEmpty)
    }

    @Test("an injected queue overflow makes the daemon rescan and take a file it had no event for")
    func overflowTriggersRescan() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let source = ScriptedEventSource()
        let running = try await RunningDaemon.start(daemon(tree), source: source)
        try tree.drop("missed.csv", "id\n1\n")
        // A file with an event, dropped after the missed one, is processed: the daemon is serving, yet it has not
        // taken the file it had no event for.
        try tree.drop("announced.csv", "id\n2\n")
        source.send(.movedIn(name: "announced.csv"))
        try await eventually("the announced file is archived") {
            tree.names(in: tree.archive).contains("announced.csv")
        }
        #expect(tree.names(in: tree.inbox) == ["missed.csv"])

        source.send(.overflow)

        try await eventually("the missed file is scored") {
            tree.names(in: tree.outbox).contains("missed.manifest.json")
        }
        try await running.shutDown()
    }

    @Test("events for hidden names are ignored until the file is renamed to its final name")
    func hiddenNameWaitsForRename() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let source = ScriptedEventSource()
        let running = try await RunningDaemon.start(daemon(tree), source: source)
        try tree.drop(".upload.csv.a1b2", "id\n1\n")
        source.send(.closedAfterWrite(name: ".upload.csv.a1b2"))
        // Events are handled in order: once a file announced after the hidden one is archived, the hidden one's
        // event has been handled too.
        try tree.drop("after.csv", "id\n2\n")
        source.send(.movedIn(name: "after.csv"))
        try await eventually("the file announced after it is archived") {
            tree.names(in: tree.archive).contains("after.csv")
        }
        #expect(tree.names(in: tree.inbox) == [".upload.csv.a1b2"])

        try FileManager.default.moveItem(atPath: tree.inbox + "/.upload.csv.a1b2", toPath: tree.inbox + "/upload.csv")
        source.send(.movedIn(name: "upload.csv"))

        try await eventually("the renamed file is scored") {
            tree.names(in: tree.archive) == ["after.csv", "upload.csv"]
        }
        try await running.shutDown()
    }

    @Test("shutdown lets a file in progress finish before returning")
    func shutdownDrainsFileInProgress() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let source = ScriptedEventSource()
        // The job waits at a gate until the shutdown has been triggered: the file is in progress for as long as the
        // test needs to see it claimed, however slow the machine, and it can only finish during the drain.
        let gate = JobGate()
        defer { gate.open() }
        let running = try await RunningDaemon.start(daemon(tree, processor: FakeProcessor(gate: gate)), source: source)
        try tree.drop("slow.csv", "id\n1\n")
        source.send(.movedIn(name: "slow.csv"))
        try await eventually("the file is claimed") { tree.names(in: tree.work) == ["slow.csv"] }

        await running.triggerShutdown()
        gate.open()
        try await running.waitForExit()

        #expect(tree.names(in: tree.archive) == ["slow.csv"])
        #expect(tree.names(in: tree.outbox).contains("slow.manifest.json"))
    }

    @Test(
        "a file still in progress at the drain timeout is handed back to the work directory and resumed next start",
        .timeLimit(.minutes(5)))
    func drainTimeoutHandsBack() async throws {
        var setup = try TestTree()
        setup.configuration.drainTimeout = .milliseconds(100)
        let tree = setup
        defer { tree.remove() }
        let source = ScriptedEventSource()
        // The job waits at a gate the test opens only after the shutdown returned: a shutdown that waited for the
        // job would never return, and the time limit fails the test. The limit is generous (the whole suite shares
        // two cores: under load this test has needed more than a minute), it only bounds how long a failure takes.
        let gate = JobGate()
        defer { gate.open() }
        let running = try await RunningDaemon.start(
            daemon(tree, processor: FakeProcessor(gate: gate)), source: source)
        try tree.drop("huge.csv", "id\n1\n")
        source.send(.movedIn(name: "huge.csv"))
        try await eventually("the file is claimed") { tree.names(in: tree.work) == ["huge.csv"] }

        try await running.shutDown()

        #expect(tree.names(in: tree.work) == ["huge.csv"])
        #expect(tree.names(in: tree.outbox).filter { !$0.hasPrefix(".") }.isEmpty)
        let summary = try await daemon(tree).runOnce()
        #expect(summary.scored == 1)
        #expect(tree.names(in: tree.archive) == ["huge.csv"])
    }

    @Test("with the outbox full the daemon stops taking files, keeps them safe, and resumes when space returns")
    func fullOutboxPausesAndResumes() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = ScriptedOutboxProbe()
        let disk = DiskFullSwitch()
        disk.full = true
        let processor = FakeProcessor(diskFull: disk)
        let source = ScriptedEventSource()
        let running = try await RunningDaemon.start(daemon(tree, processor: processor, probe: probe), source: source)
        try tree.drop("first.csv", "id\n1\n")
        source.send(.movedIn(name: "first.csv"))
        try await eventually("the first file is deferred") { tree.names(in: tree.work) == ["first.csv"] }
        probe.setProblem("no space left in the outbox")
        let asked = probe.calls
        try tree.drop("second.csv", "id\n2\n")
        source.send(.movedIn(name: "second.csv"))
        try await eventually("the probe is asked again while the second file waits") { probe.calls >= asked + 2 }
        #expect(tree.names(in: tree.inbox) == ["second.csv"])
        #expect(tree.names(in: tree.work) == ["first.csv"])

        disk.full = false
        probe.setProblem(nil)

        try await eventually("both files are archived") { tree.names(in: tree.archive) == ["first.csv", "second.csv"] }
        try await running.shutDown()
    }

    @Test("below min_free_bytes no file is taken: it stays in the inbox until the probe passes")
    func fileIsNotTakenWhileOutboxIsBelowMinimum() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = ScriptedOutboxProbe()
        probe.setProblem("the outbox has 1000 bytes free, less than min_free_bytes = 16777216")
        let source = ScriptedEventSource()
        let running = try await RunningDaemon.start(daemon(tree, probe: probe), source: source)
        try tree.drop("waiting.csv", "id\n1\n")
        source.send(.movedIn(name: "waiting.csv"))
        try await eventually("intake asks the probe before taking the file") { probe.calls >= 2 }
        #expect(tree.names(in: tree.inbox) == ["waiting.csv"])
        #expect(tree.names(in: tree.work).isEmpty)

        probe.setProblem(nil)

        try await eventually("the file is archived") { tree.names(in: tree.archive) == ["waiting.csv"] }
        try await running.shutDown()
    }

    @Test("poll mode finds files by scanning alone")
    func pollModeScans() async throws {
        var setup = try TestTree()
        setup.configuration.mode = .poll
        setup.configuration.pollInterval = .milliseconds(100)
        let tree = setup
        defer { tree.remove() }
        let running = try await RunningDaemon.start(daemon(tree), source: nil, startWatcher: false)

        try tree.drop("polled.csv", "id\n1\n")

        try await eventually("the polled file is archived") { tree.names(in: tree.archive) == ["polled.csv"] }
        try await running.shutDown()
    }

    @Test("systemd hears READY=1 after start-up and STOPPING=1 at shutdown")
    func systemdIsNotified() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let socket = try DatagramReceiver(path: tree.root + "/notify.sock")
        let running = try await RunningDaemon.start(
            daemon(tree, environment: ["NOTIFY_SOCKET": socket.path]), source: ScriptedEventSource()
        )
        try await eventually("READY=1 arrives") { socket.received.contains("READY=1") }

        try await running.shutDown()

        try await eventually("STOPPING=1 arrives", timeout: .seconds(2)) { socket.received.contains("STOPPING=1") }
        #expect(socket.received.filter { !$0.hasPrefix("STATUS=") } == ["READY=1", "STOPPING=1"])
    }

    @Test("systemd hears STATUS= lines with the counts and, with WATCHDOG_USEC set, WATCHDOG=1 from the dispatch loop")
    func systemdHearsStatusAndWatchdog() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let socket = try DatagramReceiver(path: tree.root + "/notify.sock")
        let source = ScriptedEventSource()
        let environment = ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "\(getpid())"]
        let running = try await RunningDaemon.start(daemon(tree, environment: environment), source: source)
        try await eventually("a first STATUS= line arrives") {
            socket.received.contains("STATUS=scored 0, duplicates 0, failed 0; pending 0, in progress 0; taking files")
        }

        try tree.drop("a.csv", "id\n1\n")
        source.send(.movedIn(name: "a.csv"))

        try await eventually("the status counts the scored file") {
            socket.received.contains("STATUS=scored 1, duplicates 0, failed 0; pending 0, in progress 0; taking files")
        }
        try await eventually("several WATCHDOG=1 arrive") { socket.received.filter { $0 == "WATCHDOG=1" }.count >= 3 }
        try await running.shutDown()
    }
}

@Suite("Daemon once with a full outbox")
struct DaemonOnceFullOutboxTests {
    @Test("--once with a full outbox returns, reporting the file deferred and keeping it in the work directory")
    func onceReturnsWithDeferredFile() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = ScriptedOutboxProbe()
        // Room when the file is taken (the check before intake), full once the write failed.
        probe.setProblem("no space left", passing: 1)
        let disk = DiskFullSwitch()
        disk.full = true
        try tree.drop("waiting.csv", "id\n1\n")
        let daemon = Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor(diskFull: disk) }, logger: .quiet,
            environment: [:], outboxProbe: probe
        )

        let summary = try await daemon.runOnce()

        #expect(summary.deferred == 1)
        #expect(tree.names(in: tree.work) == ["waiting.csv"])
    }

    @Test("--once below min_free_bytes returns at once, leaving the files untouched in the inbox, counted as deferred")
    func onceBelowMinimumLeavesFilesInInbox() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = ScriptedOutboxProbe()
        probe.setProblem("the outbox has 1000 bytes free, less than min_free_bytes = 16777216")
        try tree.drop("one.csv", "id\n1\n")
        try tree.drop("two.csv", "id\n2\n")
        let daemon = Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:], outboxProbe: probe
        )

        let summary = try await daemon.runOnce()

        #expect(summary.deferred == 2)
        #expect(summary.scored == 0)
        #expect(tree.names(in: tree.inbox) == ["one.csv", "two.csv"])
        #expect(tree.names(in: tree.work).isEmpty)
    }
}
