import Synchronization
import Testing
@testable import SegmentDaemon

/// The dispatch and poll ticks, driven by a manual clock.
@Suite("Ticker")
struct TickerTests {
    @Test("a ticker yields when its interval has passed on its clock, not a moment before")
    func ticksAfterEachInterval() async {
        let clock = ManualClock()
        let ticks = TickCount()
        let task = Task {
            for await _ in Ticker(clock: clock, interval: { .seconds(5) }) { ticks.value.add(1, ordering: .relaxed) }
        }
        await clock.waitForSleepers(1)
        clock.advance(by: .milliseconds(4999))
        // The one sleep still waits: the ticker cannot have moved on.
        #expect(clock.sleeperCount == 1)
        #expect(ticks.value.load(ordering: .relaxed) == 0)
        clock.advance(by: .milliseconds(1))
        while ticks.value.load(ordering: .relaxed) < 1 { await Task.yield() }
        await clock.waitForSleepers(1)
        #expect(ticks.value.load(ordering: .relaxed) == 1)
        task.cancel()
        await task.value
    }

    @Test("a woken ticker yields at once, without its clock moving")
    func wakeUpTicksEarly() async {
        let clock = ManualClock()
        let wakeUp = WakeUp()
        let ticks = TickCount()
        let task = Task {
            for await _ in Ticker(clock: clock, interval: { .seconds(60) }, wakeUp: wakeUp) {
                ticks.value.add(1, ordering: .relaxed)
            }
        }
        wakeUp.signal()
        while ticks.value.load(ordering: .relaxed) < 1 { await Task.yield() }
        #expect(clock.now == ManualClock.Instant(offset: .zero))
        task.cancel()
        await task.value
    }
}

/// Ticks seen by a test's loop.
private final class TickCount: Sendable {
    let value = Atomic<Int>(0)
}
