import Foundation
import Testing
@testable import SegmentDaemon
import SegmentSupport
import SegmentdTestSupport

@Suite("Job coordinator")
struct CoordinatorTests {
    private func coordinator(_ tree: TestTree, processor: FakeProcessor = FakeProcessor()) throws -> JobCoordinator {
        let harness = try JobHarness(tree: tree)
        var context = harness.context()
        context = JobContext(
            configuration: tree.configuration, processor: processor, configurationHash: context.configurationHash,
            ledger: context.ledger, outboxProbe: context.outboxProbe
        )
        return JobCoordinator(context: context, logger: .quiet)
    }

    @Test("a large file never takes the last worker: a small file starts beside it")
    func largeFilesLeaveAWorkerForSmallOnes() async throws {
        var setup = try TestTree(workers: 2)
        setup.configuration.largeFileBytes = 10
        let tree = setup
        defer { tree.remove() }
        try tree.drop("big1.csv", String(repeating: "x", count: 100))
        try tree.drop("big2.csv", String(repeating: "y", count: 100))
        try tree.drop("small.csv", "id\n")
        let coordinator = try coordinator(tree)
        await coordinator.enqueueRecovered(names: [])
        await coordinator.scanInbox()

        let first = await coordinator.takeJobs().map(\.job.source.name)
        await coordinator.finished(.inbox(name: "big1.csv"), outcome: .skipped(reason: "test"))
        let second = await coordinator.takeJobs().map(\.job.source.name)

        #expect(first == ["big1.csv", "small.csv"])
        #expect(second == ["big2.csv"])
    }

    @Test(
        "a large file retried after a deferral counts as large: a small file starts beside it, not another large one"
    )
    func deferredLargeFileComesBackLarge() async throws {
        var setup = try TestTree(workers: 2)
        setup.configuration.largeFileBytes = 10
        setup.configuration.outboxRetryInterval = .zero
        let tree = setup
        defer { tree.remove() }
        try String(repeating: "x", count: 100).write(toFile: tree.work + "/big1.csv", atomically: true, encoding: .utf8)
        let coordinator = try coordinator(tree)
        await coordinator.enqueueRecovered(names: ["big1.csv"])
        #expect(await coordinator.takeJobs().map(\.job.source.name) == ["big1.csv"])
        await coordinator.finished(
            .work(name: "big1.csv"), outcome: .deferred(problem: "test", outboxUnavailable: false))

        try tree.drop("big2.csv", String(repeating: "y", count: 100))
        await coordinator.scanInbox()
        try tree.drop("small.csv", "id\n")
        await coordinator.scanInbox()
        let retried = await coordinator.takeJobs().map(\.job.source.name)

        #expect(retried == ["big1.csv", "small.csv"])
    }

    @Test("files left in the work directory go before inbox files")
    func recoveredFilesGoFirst() async throws {
        let tree = try TestTree(workers: 1)
        defer { tree.remove() }
        try tree.drop("new.csv", "id\n")
        let coordinator = try coordinator(tree)
        await coordinator.scanInbox()
        await coordinator.enqueueRecovered(names: ["old.csv"])

        let started = await coordinator.takeJobs().map(\.job.source)

        #expect(started == [.work(name: "old.csv")])
        #expect(await coordinator.state == .recovering)
        await coordinator.finished(.work(name: "old.csv"), outcome: .skipped(reason: "test"))
        #expect(await coordinator.state == .running)
        #expect(await coordinator.recoveryFinished)
    }

    @Test("a created file is not taken by a scan until it is closed; a hard link is taken at once")
    func createdFileWaitsForClose() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        try tree.drop("writing.csv", "id\n")
        try tree.drop("original.csv", "id\n")
        try FileManager.default.moveItem(atPath: tree.inbox + "/original.csv", toPath: tree.root + "/original.csv")
        try FileManager.default.linkItem(atPath: tree.root + "/original.csv", toPath: tree.inbox + "/linked.csv")
        let coordinator = try coordinator(tree)
        await coordinator.enqueueRecovered(names: [])

        // The writer still has writing.csv open: the daemon asks the kernel, not only the events. Close-on-exec: an
        // inheritable descriptor, kept by a child another test spawned meanwhile, made `afterClose` flakily empty.
        let writer = try FileHandle.closeOnExec(appendingTo: tree.inbox + "/writing.csv")
        await coordinator.handle(.created(name: "writing.csv"))
        await coordinator.handle(.created(name: "linked.csv"))
        await coordinator.scanInbox()
        let beforeClose = await coordinator.takeJobs().map(\.job.source.name)
        try writer.close()
        await coordinator.handle(.closedAfterWrite(name: "writing.csv"))
        let afterClose = await coordinator.takeJobs().map(\.job.source.name)

        #expect(beforeClose == ["linked.csv"])
        #expect(afterClose == ["writing.csv"])
    }

    @Test("an injected overflow event makes the coordinator rescan the inbox")
    func overflowRescans() async throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let coordinator = try coordinator(tree)
        await coordinator.enqueueRecovered(names: [])
        try tree.drop("missed.csv", "id\n")
        #expect(await coordinator.takeJobs().isEmpty)

        await coordinator.handle(.overflow)

        #expect(await coordinator.takeJobs().map(\.job.source.name) == ["missed.csv"])
    }

    @Test("a deferred job pauses intake while the outbox probe fails and resumes when it passes")
    func deferralPausesUntilProbePasses() async throws {
        // Retry at every look: the timing of the probe is the state machine's (see CoordinatorStateMachineTests).
        var setup = try TestTree()
        setup.configuration.outboxRetryInterval = .zero
        let tree = setup
        defer { tree.remove() }
        let probe = ScriptedOutboxProbe()
        probe.setProblem("disk full")
        let harness = try JobHarness(tree: tree)
        let coordinator = JobCoordinator(
            context: JobContext(
                configuration: tree.configuration, processor: FakeProcessor(), configurationHash: "",
                ledger: harness.ledger, outboxProbe: probe
            ),
            logger: .quiet
        )
        await coordinator.enqueueRecovered(names: [])
        try tree.drop("next.csv", "id\n")

        await coordinator.finished(
            .work(name: "parked.csv"), outcome: .deferred(problem: "disk full", outboxUnavailable: true))
        await coordinator.scanInbox()
        let whilePaused = await coordinator.takeJobs()
        let probedWhilePaused = probe.calls
        probe.setProblem(nil)
        let afterProbe = await coordinator.takeJobs().map(\.job.source)

        #expect(whilePaused.isEmpty)
        #expect(probedWhilePaused == 1, "the paused coordinator asked the probe once, and started nothing")
        #expect(await coordinator.state == .running)
        #expect(afterProbe == [.work(name: "parked.csv"), .inbox(name: "next.csv")])
    }
}

@Suite("Settling file")
struct SettlingFileTests {
    private func status(size: Int64, mtime: Int64) -> FileStatus {
        var raw = stat()
        raw.st_mode = S_IFREG | 0o644
        raw.st_size = Int(size)
        raw.st_mtim.tv_sec = Int(mtime)
        raw.st_ino = 7
        return FileStatus(raw)
    }

    @Test("a file is ready only after its size and mtime stayed unchanged for min_age")
    func readyAfterMinAgeUnchanged() {
        let start = ContinuousClock.now
        var file = SettlingFile(name: "a.csv", minAge: .seconds(1), now: start)

        #expect(file.observe(status(size: 10, mtime: 100), now: start) == .waiting)
        #expect(file.observe(status(size: 10, mtime: 100), now: start + .milliseconds(600)) == .waiting)
        #expect(file.observe(status(size: 20, mtime: 101), now: start + .milliseconds(900)) == .waiting)
        #expect(file.observe(status(size: 20, mtime: 101), now: start + .milliseconds(1800)) == .waiting)
        #expect(file.observe(status(size: 20, mtime: 101), now: start + .milliseconds(1900)) == .ready(size: 20))
    }

    @Test("with min_age 0 a file is ready at first sight; a vanished file is gone")
    func zeroMinAgeAndVanishing() {
        let start = ContinuousClock.now
        var file = SettlingFile(name: "a.csv", minAge: .zero, now: start)

        #expect(file.observe(status(size: 5, mtime: 1), now: start) == .ready(size: 5))
        #expect(file.observe(nil, now: start) == .gone)
    }
}
