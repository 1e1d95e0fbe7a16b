import Glibc
import Testing
@testable import SegmentDaemon
import SegmentSupport

/// The coordinator's time-dependent decisions, driven by a manual clock: no test here sleeps, and every "not yet"
/// is followed by the "now" it must turn into.
@Suite("Coordinator state machine")
struct CoordinatorStateMachineTests {
    private typealias Machine = CoordinatorStateMachine<ManualClock>

    private func machine(
        _ clock: ManualClock, workers: Int = 2, minAge: Duration = .seconds(1), retry: Duration = .seconds(1)
    ) -> Machine {
        var configuration = DaemonConfiguration()
        configuration.workers = workers
        configuration.minAge = minAge
        configuration.minAgeRenamed = .zero
        configuration.outboxRetryInterval = retry
        var machine = Machine(clock: clock, rules: .init(configuration))
        machine.enqueueRecovered([])
        return machine
    }

    private func status(size: Int64, mtime: Int64 = 100) -> FileStatus {
        var raw = stat()
        raw.st_mode = S_IFREG | 0o644
        raw.st_size = Int(size)
        raw.st_mtim.tv_sec = Int(mtime)
        raw.st_ino = 7
        raw.st_nlink = 1
        return FileStatus(raw)
    }

    private func readyNames(_ machine: Machine) -> [String] { machine.ready.map(\.source.name) }

    private func startedNames(_ machine: inout Machine) -> [String]? {
        guard case .start(let files) = machine.start(problem: nil) else { return nil }
        return files.map(\.source.name)
    }

    /// Looks at `name` as the coordinator does, finding `status` and, if asked, `writing`; returns whether the
    /// look asked for writers (it does once the file is unchanged for min_age).
    @discardableResult
    private func look(_ machine: inout Machine, _ name: String, _ status: FileStatus?, writing: Bool = false) -> Bool {
        guard let file = machine.candidates[name] else { return false }
        let now = machine.clock.now
        var asked = false
        let taken = Machine.Look.take(
            of: file, at: now, lstat: { status },
            isOpenForWriting: {
                asked = true
                return writing
            })
        machine.looked([taken], at: now)
        return asked
    }

    @Test("a scanned file becomes ready exactly when it has been unchanged for min_age and nobody writes it")
    func settlesAtMinAge() {
        let clock = ManualClock()
        var machine = machine(clock)
        #expect(machine.scanned(["a.csv"], noLongerWritten: []).isEmpty)

        #expect(!look(&machine, "a.csv", status(size: 10)))
        clock.advance(by: .milliseconds(999))
        #expect(!look(&machine, "a.csv", status(size: 10)))
        #expect(readyNames(machine).isEmpty)
        clock.advance(by: .milliseconds(1))
        #expect(look(&machine, "a.csv", status(size: 10)))

        #expect(readyNames(machine) == ["a.csv"])
        #expect(machine.ready.first?.size == 10)
        #expect(machine.candidates.isEmpty)
    }

    @Test("a file unchanged for min_age but still open for writing settles again from then")
    func openWriterRestartsSettling() {
        let clock = ManualClock()
        var machine = machine(clock)
        _ = machine.scanned(["a.csv"], noLongerWritten: [])
        look(&machine, "a.csv", status(size: 10))
        clock.advance(by: .seconds(1))
        #expect(look(&machine, "a.csv", status(size: 10), writing: true))
        #expect(readyNames(machine).isEmpty)
        clock.advance(by: .milliseconds(999))
        #expect(!look(&machine, "a.csv", status(size: 10)))
        clock.advance(by: .milliseconds(1))
        look(&machine, "a.csv", status(size: 10))

        #expect(readyNames(machine) == ["a.csv"])
    }

    @Test("a look overtaken by a new event for the file is not used: the file settles anew")
    func restartedFileIgnoresOldLook() throws {
        let clock = ManualClock()
        var machine = machine(clock)
        _ = machine.scanned(["a.csv"], noLongerWritten: [])
        look(&machine, "a.csv", status(size: 10))
        clock.advance(by: .seconds(1))
        let file = try #require(machine.candidates["a.csv"])
        let stale = Machine.Look.take(
            of: file, at: clock.now, lstat: { status(size: 10) }, isOpenForWriting: { false })
        #expect(stale.openForWriting == false)
        #expect(machine.closedAfterWrite("a.csv") == nil)
        machine.looked([stale], at: clock.now)

        #expect(readyNames(machine).isEmpty)
        #expect(machine.candidates["a.csv"] != nil)
    }

    @Test("a deferred file is retried after one retry interval, then after two: the back-off doubles")
    func deferralBacksOff() {
        let clock = ManualClock()
        var machine = machine(clock)
        machine.enqueueRecovered([(name: "p.csv", size: 5)])
        let deferred = JobOutcome.deferred(problem: "x", outboxUnavailable: false)
        let started = startedNames(&machine)
        #expect(started == ["p.csv"])
        for backOff in [Duration.seconds(1), .seconds(2), .seconds(4)] {
            #expect(machine.finished(.work(name: "p.csv"), outcome: deferred) == nil)
            clock.advance(by: backOff - .milliseconds(1))
            machine.releaseParked()
            #expect(readyNames(machine).isEmpty, "retried before \(backOff)")
            clock.advance(by: .milliseconds(1))
            machine.releaseParked()
            #expect(readyNames(machine) == ["p.csv"], "not retried at \(backOff)")
            #expect(machine.ready.first?.size == 5)
            let started = startedNames(&machine)
            #expect(started == ["p.csv"])
        }
    }

    @Test("paused intake probes the outbox once per retry interval and resumes when the probe passes")
    func pausedProbesEveryInterval() {
        let clock = ManualClock()
        var machine = machine(clock, retry: .seconds(2))
        machine.enqueueRecovered([(name: "p.csv", size: 5)])
        let started = startedNames(&machine)
        #expect(started == ["p.csv"])
        let problem = machine.finished(
            .work(name: "p.csv"), outcome: .deferred(problem: "full", outboxUnavailable: true))

        #expect(problem == "full")
        #expect(machine.state == .paused(problem: "full"))
        clock.advance(by: .milliseconds(1999))
        #expect(!machine.outboxProbeDue)
        clock.advance(by: .milliseconds(1))
        #expect(machine.outboxProbeDue)
        #expect(machine.outboxProbed(problem: "still full") == .stillUnavailable(problem: "still full"))
        #expect(!machine.outboxProbeDue)
        clock.advance(by: .seconds(2))
        #expect(machine.outboxProbed(problem: nil) == .resumed)
        #expect(machine.state == .running)
    }

    @Test("a failed free-space check pauses intake instead of starting the ready files")
    func freeSpaceCheckPauses() {
        let clock = ManualClock()
        var machine = machine(clock)
        machine.enqueueRecovered([(name: "a.csv", size: 1)])

        #expect(machine.start(problem: "no room") == .paused(problem: "no room"))
        #expect(readyNames(machine) == ["a.csv"])
        #expect(machine.endIfStalled() == .end(waiting: 1, problem: "no room"))
    }

    @Test("a file created and not yet closed is left to its writer; a scan takes it once nobody writes it")
    func createdFileWaitsForItsWriter() {
        let clock = ManualClock()
        var machine = machine(clock, minAge: .zero)
        #expect(machine.created("w.csv", found: .maybeBeingWritten) == nil)
        #expect(machine.scanned(["w.csv"], noLongerWritten: []).isEmpty)
        #expect(machine.candidates.isEmpty)

        _ = machine.scanned(["w.csv"], noLongerWritten: ["w.csv"])
        look(&machine, "w.csv", status(size: 3))

        #expect(readyNames(machine) == ["w.csv"])
    }

    @Test("a name that is not an input is reported once while it stays, and again after it was gone")
    func unsupportedNameReportedOnce() {
        let clock = ManualClock()
        var machine = machine(clock)
        #expect(machine.scanned(["notes.txt"], noLongerWritten: []) == ["notes.txt"])
        #expect(machine.scanned(["notes.txt"], noLongerWritten: []).isEmpty)
        #expect(machine.scanned([], noLongerWritten: []).isEmpty)
        #expect(machine.scanned(["notes.txt"], noLongerWritten: []) == ["notes.txt"])
    }
}
