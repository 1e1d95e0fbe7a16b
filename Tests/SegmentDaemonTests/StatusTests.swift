import Foundation
import Glibc
import Testing
@testable import SegmentDaemon
import SegmentSupport

/// The status document and the readiness problems as the coordinator's state machine computes them, on a manual
/// clock: every time in the document comes from it.
@Suite("Status and readiness")
struct StatusTests {
    private typealias Machine = CoordinatorStateMachine<ManualClock>

    /// 2026-01-01T00:00:00Z.
    private let start = Date(timeIntervalSince1970: 1_767_225_600)

    private func machine(_ clock: ManualClock, recovered: [String] = []) -> Machine {
        var configuration = DaemonConfiguration()
        configuration.workers = 1
        configuration.minAge = .zero
        configuration.minAgeRenamed = .zero
        configuration.outboxRetryInterval = .seconds(1)
        var machine = Machine(clock: clock, rules: .init(configuration), wallClockAtStart: start)
        machine.enqueueRecovered(recovered.map { (name: $0, size: 1) })
        return machine
    }

    /// `name` is renamed into the inbox and settles at once (min_age is zero).
    private func arrive(_ machine: inout Machine, _ name: String) {
        _ = machine.movedIn(name)
        var raw = stat()
        raw.st_mode = S_IFREG | 0o644
        raw.st_size = 10
        raw.st_nlink = 1
        let status = FileStatus(raw)
        guard let file = machine.candidates[name] else { return }
        let now = machine.clock.now
        machine.looked([Machine.Look.take(of: file, at: now, lstat: { status }, isOpenForWriting: { false })], at: now)
    }

    private func startNext(_ machine: inout Machine) -> [String] {
        guard case .start(let files) = machine.start(problem: nil) else { return [] }
        return files.map(\.source.name)
    }

    private func status(_ machine: Machine, processor: FakeProcessor = FakeProcessor()) -> DaemonStatus {
        machine.status(processor: processor, configurationHash: "c0ffee")
    }

    @Test("inbox_pending, in_work and in_flight move as files arrive, start and settle")
    func countsMove() {
        let clock = ManualClock()
        var machine = machine(clock, recovered: ["left.csv"])
        #expect((status(machine).inboxPending, status(machine).inWork, status(machine).inFlight) == (0, 1, 0))

        arrive(&machine, "a.csv")
        arrive(&machine, "b.csv")
        #expect((status(machine).inboxPending, status(machine).inWork) == (2, 1))

        #expect(startNext(&machine) == ["left.csv"])
        #expect((status(machine).inboxPending, status(machine).inWork, status(machine).inFlight) == (2, 0, 1))

        _ = machine.finished(.work(name: "left.csv"), outcome: .deferred(problem: "quota", outboxUnavailable: false))
        #expect((status(machine).inWork, status(machine).inFlight) == (1, 0), "a deferred file waits in work")

        #expect(startNext(&machine) == ["a.csv"])
        #expect((status(machine).inboxPending, status(machine).inWork, status(machine).inFlight) == (1, 1, 1))
        _ = machine.finished(.inbox(name: "a.csv"), outcome: .duplicate(of: "x.csv", manifest: "a.manifest.json"))
        #expect(status(machine).recentFiles.map(\.name) == ["a.csv", "left.csv"])
    }

    @Test("uptime, finished_at, duration and the model's age come from the coordinator's clock")
    func timesFollowTheClock() throws {
        let clock = ManualClock()
        var machine = machine(clock)
        clock.advance(by: .seconds(10))
        arrive(&machine, "a.csv")
        #expect(startNext(&machine) == ["a.csv"])
        clock.advance(by: .milliseconds(1500))
        _ = machine.finished(
            .inbox(name: "a.csv"),
            outcome: .scored(ProcessedCounts(rowsRead: 3, rowsScored: 2, rowsRejected: 1), manifest: "a.manifest.json"))
        clock.advance(by: .seconds(50))
        let processor = FakeProcessor(
            modelCreatedAt: "2025-12-31T00:00:00Z",
            enabledPlugins: [EnabledPlugin(name: "campaign", version: "1.0.0", order: 10, settingsSHA256: "x")])

        let status = status(machine, processor: processor)

        #expect(status.startedAt == "2026-01-01T00:00:00.000Z")
        #expect(status.uptimeSeconds == 61.5)
        #expect(
            status.recentFiles == [
                DaemonStatus.File(
                    name: "a.csv", outcome: .scored, durationSeconds: 1.5, finishedAt: "2026-01-01T00:00:11.500Z",
                    rowsScored: 2, rowsRejected: 1)
            ])
        #expect(status.modelCreatedAt == "2025-12-31T00:00:00Z")
        #expect(status.modelAgeSeconds == 86_400 + 61)
        #expect(status.modelVersion == "fake-model-1")
        #expect(status.plugins == ["campaign"])
        #expect(status.configSHA256 == "c0ffee")
    }

    @Test(
        "recent_files keeps the last 20 settled files, newest first, with their outcomes; skipped jobs are not listed")
    func recentFilesAreBounded() {
        let clock = ManualClock()
        var machine = machine(clock)
        let outcomes: [JobOutcome] = [
            .scored(ProcessedCounts(rowsRead: 4, rowsScored: 4, rowsRejected: 0), manifest: "m"),
            .duplicate(of: "earlier.csv", manifest: "m"), .failed(reason: "no header", failedName: "f"),
            .deferred(problem: "quota", outboxUnavailable: false),
        ]
        for index in 0..<23 {
            arrive(&machine, "f\(index).csv")
            #expect(startNext(&machine) == ["f\(index).csv"])
            clock.advance(by: .seconds(1))
            _ = machine.finished(.inbox(name: "f\(index).csv"), outcome: outcomes[index % 4])
        }
        arrive(&machine, "gone.csv")
        #expect(startNext(&machine) == ["gone.csv"])
        _ = machine.finished(.inbox(name: "gone.csv"), outcome: .skipped(reason: "the file went away"))

        let recent = status(machine).recentFiles

        #expect(recent.map(\.name) == (3..<23).reversed().map { "f\($0).csv" })
        let expected: [(DaemonStatus.Outcome, Int?, Int?)] = [
            (.scored, 4, 0), (.duplicate, 0, 0), (.failed, nil, nil), (.deferred, nil, nil),
        ]
        for (file, index) in zip(recent, (3..<23).reversed()) {
            let (outcome, scored, rejected) = expected[index % 4]
            #expect(file.outcome == outcome && file.rowsScored == scored && file.rowsRejected == rejected, "\(file)")
            #expect(file.durationSeconds == 1)
        }
    }

    @Test("readiness names unfinished recovery until the recovered files are handled")
    func recoveryIsNotReady() {
        let clock = ManualClock()
        var machine = machine(clock, recovered: ["left.csv"])
        let problems = machine.readinessProblems(modelVersion: "m1")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("Recovery is not finished: 1 file(s)") == true)

        #expect(startNext(&machine) == ["left.csv"])
        _ = machine.finished(.work(name: "left.csv"), outcome: .completedEarlier(manifest: "left.manifest.json"))

        #expect(machine.readinessProblems(modelVersion: "m1") == [])
    }

    @Test("readiness and pause_reasons name the outbox's problem while intake is paused, and clear when it resumes")
    func pausedOutboxIsNotReady() {
        let clock = ManualClock()
        var machine = machine(clock)
        arrive(&machine, "a.csv")
        #expect(machine.readinessProblems(modelVersion: "m1") == [])
        #expect(!status(machine).paused)

        #expect(
            machine.start(problem: "the outbox '/o' has 10 bytes free")
                == .paused(problem: "the outbox '/o' has 10 bytes free"))

        let problems = machine.readinessProblems(modelVersion: "m1")
        #expect(problems.count == 1)
        #expect(problems.first?.contains("the outbox cannot take output (the outbox '/o' has 10 bytes free)") == true)
        #expect(status(machine).paused)
        #expect(status(machine).pauseReasons == problems)

        clock.advance(by: .seconds(1))
        #expect(machine.outboxProbed(problem: nil) == .resumed)
        #expect(machine.readinessProblems(modelVersion: "m1") == [])
        #expect(!status(machine).paused && status(machine).pauseReasons.isEmpty)
    }

    @Test("readiness names a missing model and a shutdown")
    func missingModelAndShutdown() {
        let clock = ManualClock()
        var machine = machine(clock)
        #expect(machine.readinessProblems(modelVersion: "").first?.hasPrefix("No model is loaded") == true)

        machine.beginDrain()

        #expect(machine.readinessProblems(modelVersion: "m1").first?.contains("shutting down") == true)
        #expect(status(machine).paused)
    }

    @Test("the document has every key in snake_case, null for what is not known")
    func encodesEveryKey() throws {
        let clock = ManualClock()
        var machine = machine(clock)
        arrive(&machine, "a.csv")
        _ = startNext(&machine)
        _ = machine.finished(.inbox(name: "a.csv"), outcome: .failed(reason: "bad", failedName: "a.csv"))

        let data = try JSONEncoder().encode(status(machine))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        #expect(
            Set(object.keys) == [
                "inbox_pending", "in_work", "in_flight", "paused", "pause_reasons", "recent_files", "started_at",
                "uptime_seconds", "config_sha256", "plugins", "model_version", "model_created_at", "model_age_seconds",
                "retrain",
            ])
        #expect(object["model_created_at"] is NSNull && object["model_age_seconds"] is NSNull)
        #expect(object["retrain"] is NSNull)
        let file = try #require((object["recent_files"] as? [[String: Any]])?.first)
        #expect(
            Set(file.keys) == ["name", "outcome", "duration_seconds", "finished_at", "rows_scored", "rows_rejected"])
        #expect(file["outcome"] as? String == "failed")
        #expect(file["rows_scored"] is NSNull)
    }
}
