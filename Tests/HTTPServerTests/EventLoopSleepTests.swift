import CSystemShim
import NIOCore
import NIOPosix
import Testing

@testable import SegmentHTTP

@Suite("request timeout timer")
struct EventLoopSleepTests {
    @Test("a cancelled 300 s request timeout returns at once and holds no memory until its deadline")
    func cancelledSleepsHoldNothing() async {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let batches = 60
        var growth: [Int] = []
        let started = ContinuousClock.now
        for _ in 0..<batches {
            let before = Int(csystem_malloc_in_use())
            let batch = (0..<1000).map { _ in Task { await EventLoopSleep.sleep(for: .seconds(300), on: loop) } }
            try? await Task.sleep(for: .milliseconds(5))  // the sleeps have begun: their timers are set
            for sleep in batch { sleep.cancel() }
            for sleep in batch { await sleep.value }
            growth.append(Int(csystem_malloc_in_use()) - before)
        }
        // Had one batch waited for its deadline the run would take 300 s; the bound leaves a loaded machine room.
        #expect(ContinuousClock.now - started < .seconds(240), "each cancelled sleep returns at once")
        // Task.sleep kept about 750 bytes per cancelled sleep until its deadline: 750 KB more in use after each batch
        // of 1,000. Other suites allocate and free beside this one, so the median batch is judged, not the total.
        let median = growth.sorted()[batches / 2]
        #expect(median < 250_000, "the median batch of 1,000 cancelled sleeps left \(median) more bytes in use")
    }

    @Test("a sleep that is not cancelled ends after its duration")
    func sleepEnds() async {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let started = ContinuousClock.now
        await EventLoopSleep.sleep(for: .milliseconds(50), on: loop)
        #expect(ContinuousClock.now - started >= .milliseconds(50))
    }
}
