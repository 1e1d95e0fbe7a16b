import ExecPlugin
import Foundation
import SegmentPlugin
import Testing

/// A child's stderr is logged at a limited rate: the first lines of each interval one by one, the rest as a count.
@Suite struct ExecStderrTests {
    /// The stderr lines of the flood child that were logged one by one.
    private static func floodLines(_ log: LogRecorder) -> [String] {
        log.all.filter { $0.contains("stderr: flood ") }
    }

    /// The counts of the summaries of lines not logged one by one.
    private static func summarised(_ log: LogRecorder) -> [Int] {
        log.all.compactMap { line -> Int? in
            guard let range = line.range(of: "stderr: ") else { return nil }
            let words = line[range.upperBound...].split(separator: " ")
            guard words.count > 2, words[1] == "more", words[2] == "lines" else { return nil }
            return Int(words[0])
        }
    }

    @Test("a flood of stderr lines is logged as the first 100 lines and a count of the rest")
    func floodIsCutToTheDefaultLimitAndCounted() throws {
        let log = LogRecorder()
        var plugin: ExecPlugin? = try ExecFixture.child("stderr_flood.py", "5000", log: log)
        if let session = try plugin?.openSession(for: ExecFixture.file()) {
            let output = try ExecFixture.run(ExecFixture.batch(["A", "B"]), session)
            #expect(output.failures.isEmpty)
        }
        // Releasing the plugin stops the child; its stderr is read to the end and the count logged.
        plugin = nil
        let logged = Self.floodLines(log)
        #expect(logged.count == 100, "\(logged.count) lines logged one by one")
        #expect(logged.first?.hasPrefix("info: child pid ") == true)
        #expect(logged.last?.hasSuffix("stderr: flood 99") == true)
        #expect(Self.summarised(log) == [4900], "\(log.all.suffix(2))")
        #expect(log.all.contains { $0.contains("4900 more lines") && $0.contains("\"flood 4999\"") })
    }

    @Test("lines held back are counted at the end of each interval while the child runs on")
    func summaryComesAtTheEndOfTheIntervalWithoutWaitingForTheChild() async throws {
        let log = LogRecorder()
        var plugin: ExecPlugin? = try ExecFixture.child(
            "stderr_flood.py", "3000",
            extra: "stderr_limit = { lines = 10, interval = 0.5 }",
            log: log)
        if let session = try plugin?.openSession(for: ExecFixture.file()) {
            _ = try ExecFixture.run(ExecFixture.batch(["A"]), session)
        }
        // The child is still running, idle: the count must come from the interval's end.
        #expect(await log.waitFor("more lines"), "\(log.all.suffix(3))")
        plugin = nil
        #expect(Self.floodLines(log).count + Self.summarised(log).reduce(0, +) == 3000)
        #expect(Self.floodLines(log).count < 3000)
    }
}
