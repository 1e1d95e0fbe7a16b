import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import SegmentHTTP

@Suite("request timeout timer")
struct EventLoopSleepTests {
    @Test("a cancelled 300 s request timeout returns at once and holds no memory until its deadline")
    func cancelledSleepsHoldNothing() async {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let sleeps = 150_000
        let before = Self.residentBytes()
        let started = ContinuousClock.now
        for _ in 0..<(sleeps / 1000) {
            let batch = (0..<1000).map { _ in Task { await EventLoopSleep.sleep(for: .seconds(300), on: loop) } }
            try? await Task.sleep(for: .milliseconds(5))  // the sleeps have begun: their timers are set
            for sleep in batch { sleep.cancel() }
            for sleep in batch { await sleep.value }
        }
        let held = Self.residentBytes() - before
        #expect(ContinuousClock.now - started < .seconds(60), "each cancelled sleep returns at once")
        // Task.sleep kept about 750 bytes per cancelled sleep until its deadline (over 100 MB here); other suites
        // running beside this one allocate too, hence the margin.
        #expect(held < 40 << 20, "the process grew by \(held) bytes over \(sleeps) cancelled sleeps")
    }

    /// The process's resident memory (`VmRSS`), in bytes.
    private static func residentBytes() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * 1024
    }

    @Test("a sleep that is not cancelled ends after its duration")
    func sleepEnds() async {
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        let started = ContinuousClock.now
        await EventLoopSleep.sleep(for: .milliseconds(50), on: loop)
        #expect(ContinuousClock.now - started >= .milliseconds(50))
    }
}
