import Testing
@testable import SegmentDaemon

@Suite("systemd heartbeat")
struct SystemdHeartbeatTests {
    @Test("WATCHDOG=1 goes out at the first beat, then once per ping interval however often the loop turns")
    func watchdogAtItsInterval() {
        let clock = ManualClock()
        var heartbeat = SystemdHeartbeat(clock: clock, pingInterval: .seconds(5))
        #expect(heartbeat.beat(status: "a") == [.watchdog, .status("a")])
        clock.advance(by: .seconds(4))
        #expect(heartbeat.beat(status: "a").isEmpty)
        clock.advance(by: .seconds(1))
        #expect(heartbeat.beat(status: "a") == [.watchdog])
        #expect(heartbeat.beat(status: "a").isEmpty)
        clock.advance(by: .seconds(12))
        #expect(heartbeat.beat(status: "a") == [.watchdog])
    }

    @Test("without a watchdog interval only STATUS= lines go out")
    func noWatchdog() {
        let clock = ManualClock()
        var heartbeat = SystemdHeartbeat(clock: clock, pingInterval: nil)
        #expect(heartbeat.beat(status: "a") == [.status("a")])
        clock.advance(by: .seconds(3600))
        #expect(heartbeat.beat(status: "a").isEmpty)
    }

    @Test("STATUS= goes out when the line changes, at most once per interval, and the latest held-back line follows")
    func statusOnChangeRateLimited() {
        let clock = ManualClock()
        var heartbeat = SystemdHeartbeat(clock: clock, pingInterval: nil, statusInterval: .seconds(1))
        #expect(heartbeat.beat(status: "scored 0") == [.status("scored 0")])
        clock.advance(by: .milliseconds(100))
        #expect(heartbeat.beat(status: "scored 1").isEmpty)
        clock.advance(by: .milliseconds(100))
        #expect(heartbeat.beat(status: "scored 2").isEmpty)
        clock.advance(by: .milliseconds(800))
        #expect(heartbeat.beat(status: "scored 2") == [.status("scored 2")])
        clock.advance(by: .seconds(5))
        #expect(heartbeat.beat(status: "scored 2").isEmpty, "an unchanged line is not sent again")
        #expect(heartbeat.beat(status: "scored 3") == [.status("scored 3")])
    }

    @Test("the status line counts outcomes and pending files and says whether intake is paused")
    func statusLine() {
        let clock = ManualClock()
        var configuration = DaemonConfiguration()
        configuration.workers = 3
        var machine = CoordinatorStateMachine(clock: clock, rules: .init(configuration))
        machine.enqueueRecovered([(name: "a.csv", size: 1), (name: "b.csv", size: 1), (name: "c.csv", size: 1)])
        #expect(machine.statusLine.hasSuffix("pending 3, in progress 0; recovering files left in the work directory"))
        guard case .start(let files) = machine.start(problem: nil) else {
            Issue.record("the files do not start")
            return
        }
        #expect(files.count == 3)
        let counts = ProcessedCounts(rowsRead: 1, rowsScored: 1, rowsRejected: 0)
        _ = machine.finished(.work(name: "a.csv"), outcome: .scored(counts, manifest: "a.manifest.json"))
        _ = machine.finished(.work(name: "b.csv"), outcome: .failed(reason: "bad", failedName: "b.csv"))
        #expect(
            machine.statusLine
                == "scored 1, duplicates 0, failed 1; pending 0, in progress 1; "
                + "recovering files left in the work directory")

        _ = machine.finished(.work(name: "c.csv"), outcome: .deferred(problem: "full", outboxUnavailable: true))

        #expect(
            machine.statusLine
                == "scored 1, duplicates 0, failed 1; pending 1, in progress 0; paused: the outbox cannot be written")
    }
}
