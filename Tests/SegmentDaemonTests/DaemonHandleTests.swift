import Foundation
import Testing
@testable import SegmentDaemon

/// ``DaemonHandle`` and ``Daemon/run(services:)`` with a running daemon: what an HTTP server beside it would read,
/// and how its services start and stop with the daemon's.
@Suite("Daemon handle")
struct DaemonHandleTests {
    private func daemon(
        _ tree: TestTree, processor: FakeProcessor = FakeProcessor(),
        probe: any OutboxHealthProbe = FileSystemOutboxProbe()
    ) -> Daemon {
        Daemon(
            configuration: tree.configuration, processorFactory: { _ in processor }, logger: .quiet, environment: [:],
            outboxProbe: probe)
    }

    /// Starts `daemon` and returns it with the handle its services were given.
    private func start(
        _ daemon: Daemon, source: ScriptedEventSource, services: [RecordingService] = []
    ) async throws -> (RunningDaemon, DaemonHandle) {
        let handle = Locked<DaemonHandle?>(nil)
        let running = try await RunningDaemon.start(daemon, source: source) {
            handle.value = $0
            return services
        }
        return (running, try #require(handle.value))
    }

    @Test("status counts move as files are dropped and settled; recent_files lists them newest first")
    func statusFollowsFiles() async throws {
        let tree = try TestTree(workers: 1)
        defer { tree.remove() }
        let gate = JobGate()
        defer { gate.open() }
        let source = ScriptedEventSource()
        let (running, handle) = try await start(daemon(tree, processor: FakeProcessor(gate: gate)), source: source)
        let idle = await handle.status()
        #expect((idle.inboxPending, idle.inWork, idle.inFlight, idle.paused) == (0, 0, 0, false))
        #expect(idle.recentFiles.isEmpty && idle.modelVersion == "fake-model-1")

        try tree.drop("a.csv", "id\n1\n2\n")
        source.send(.movedIn(name: "a.csv"))
        try await eventually("a.csv is in progress") { await handle.status().inFlight == 1 }
        try tree.drop("b.csv", "id\n3\nbad\n")
        source.send(.movedIn(name: "b.csv"))
        try await eventually("b.csv waits for the worker") { await handle.status().inboxPending == 1 }
        try tree.drop("c.csv", "no header\n")
        source.send(.movedIn(name: "c.csv"))
        try await eventually("c.csv waits behind it") { await handle.status().inboxPending == 2 }

        gate.open()

        try await eventually("the files are settled") { await handle.status().recentFiles.count == 3 }
        let settled = await handle.status()
        #expect((settled.inboxPending, settled.inWork, settled.inFlight) == (0, 0, 0))
        #expect(settled.recentFiles.map(\.name) == ["c.csv", "b.csv", "a.csv"])
        #expect(settled.recentFiles.map(\.outcome) == [.failed, .scored, .scored])
        #expect(settled.recentFiles.map(\.rowsScored) == [nil, 1, 2])
        #expect(settled.recentFiles.map(\.rowsRejected) == [nil, 1, 0])
        try await running.shutDown()
    }

    @Test("readiness names unfinished recovery while a file left by an earlier run is in progress, then is empty")
    func recoveryBlocksReadiness() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        try Data("id\n4\n".utf8).write(to: URL(fileURLWithPath: tree.work + "/left.csv"))
        let gate = JobGate()
        defer { gate.open() }
        let (running, handle) = try await start(
            daemon(tree, processor: FakeProcessor(gate: gate)), source: ScriptedEventSource())

        let problems = await handle.readinessProblems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("Recovery is not finished") == true)

        gate.open()

        try await eventually("recovery finishes") { await handle.readinessProblems().isEmpty }
        try await running.shutDown()
    }

    @Test("readiness names the outbox while it is full and is empty once it is healthy")
    func fullOutboxBlocksReadiness() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let probe = ScriptedOutboxProbe()
        let source = ScriptedEventSource()
        let (running, handle) = try await start(daemon(tree, probe: probe), source: source)
        #expect(await handle.readinessProblems() == [])
        probe.setProblem("the outbox '/o' has 1000 bytes free, less than min_free_bytes = 16777216")

        try tree.drop("waiting.csv", "id\n1\n")
        source.send(.movedIn(name: "waiting.csv"))

        try await eventually("readiness names the outbox") { await !handle.readinessProblems().isEmpty }
        let problems = await handle.readinessProblems()
        #expect(problems.count == 1)
        #expect(problems.first?.contains("has 1000 bytes free, less than min_free_bytes") == true)
        #expect(await handle.status().pauseReasons == problems)

        probe.setProblem(nil)

        try await eventually("the file is archived") { tree.names(in: tree.archive) == ["waiting.csv"] }
        #expect(await handle.readinessProblems() == [])
        try await running.shutDown()
    }

    @Test("currentProcessor() changes after a reload, and a job in progress keeps the processor it started with")
    func reloadSwapsProcessor() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let coordinator = JobCoordinator(context: try JobHarness(tree: tree).context(), logger: .quiet)
        await coordinator.enqueueRecovered(names: [])
        let handle = DaemonHandle(coordinator: coordinator)
        try tree.drop("a.csv", "id\n1\n")
        await coordinator.scanInbox()
        let started = await coordinator.takeJobs()
        #expect(started.map(\.job.source.name) == ["a.csv"])
        #expect(handle.currentProcessor().modelVersion == "fake-model-1")

        await ConfigurationReloader(
            loadConfiguration: { tree.configuration },
            processorFactory: { _ in FakeProcessor(modelVersion: "fake-model-2") }, coordinator: coordinator,
            notifier: SystemdNotifier(environment: [:]), logger: .quiet
        ).reload()

        #expect(handle.currentProcessor().modelVersion == "fake-model-2")
        #expect(await handle.status().modelVersion == "fake-model-2")
        guard case .scored = try #require(started.first).job.run() else {
            Issue.record("the job in progress was not scored")
            return
        }
        let manifest = try Data(contentsOf: URL(fileURLWithPath: tree.outbox + "/a.manifest.json"))
        let object = try JSONSerialization.jsonObject(with: manifest) as? [String: Any]
        #expect(object?["model_version"] as? String == "fake-model-1")
    }

    @Test("extra services start with the group and are told to shut down gracefully before files in progress end")
    func extraServicesShareTheGroup() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let gate = JobGate()
        defer { gate.open() }
        let source = ScriptedEventSource()
        let handle = Locked<DaemonHandle?>(nil)
        var recording = RecordingService()
        recording.readiness = { await handle.value?.readinessProblems() ?? [] }
        let service = recording
        let running = try await RunningDaemon.start(
            daemon(tree, processor: FakeProcessor(gate: gate)), source: source
        ) {
            handle.value = $0
            return [service]
        }
        try await eventually("the extra service starts") { service.events.value == ["started"] }
        try tree.drop("slow.csv", "id\n1\n")
        source.send(.movedIn(name: "slow.csv"))
        try await eventually("the file is in progress") { await handle.value?.status().inFlight == 1 }

        let shutdown = Task { try await running.shutDown() }

        try await eventually("the extra service is shut down gracefully") { service.events.value.count >= 2 }
        #expect(tree.names(in: tree.work) == ["slow.csv"], "the file is still in progress")
        let events = service.events.value
        #expect(events.prefix(2) == ["started", "shut down gracefully"])
        #expect(
            events.dropFirst(2).contains { $0.hasPrefix("readiness: Intake has stopped") },
            "intake stopped before the extra service was told")
        gate.open()
        try await shutdown.value
        #expect(tree.names(in: tree.archive) == ["slow.csv"])
        #expect(service.events.value == events)
    }

    @Test("an extra service that fails shuts the daemon down gracefully and its error ends the run")
    func failingExtraServiceEndsTheRun() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let failing = RecordingService(failure: TestTreeError(message: "address in use"))
        let (running, _) = try await start(daemon(tree), source: ScriptedEventSource(), services: [failing])

        await #expect(throws: TestTreeError.self) { try await running.shutDown() }
        #expect(failing.events.value == ["started"])
    }
}
