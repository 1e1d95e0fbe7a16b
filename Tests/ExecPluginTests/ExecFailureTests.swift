import ExecPlugin
import Foundation
import SegmentPlugin
import Testing

/// Children that crash, hang, answer garbage or cannot start fail only their rows; the plugin goes on.
@Suite struct ExecFailureTests {
    @Test func crashedChildFailsOnlyUnansweredRowsAndNextBatchGoesToANewChild() throws {
        let plugin = try ExecFixture.child("crash_after.py", "3")
        let session = try plugin.openSession(for: ExecFixture.file())
        let first = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("A", 5)), session)
        #expect((0..<3).map { first[$0, 0] } == [.text("A0"), .text("A1"), .text("A2")])
        #expect(first.failures.keys.sorted() == [3, 4])
        #expect(first.failures[3]?.contains("exited with status 3") == true)
        let second = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("B", 3)), session)
        #expect(second.failures.isEmpty)
        #expect((0..<3).map { second[$0, 0] } == [.text("B0"), .text("B1"), .text("B2")])
        let report = try session.finish(artifacts: NoArtifacts())
        #expect(report.metrics["child_starts"] == 2)
        #expect(report.metrics["failed_rows"] == 2)
    }

    @Test func childDyingWhileABigBatchIsWrittenFailsTheRestWithoutSIGPIPE() throws {
        let plugin = try ExecFixture.child("crash_after.py", "10")
        let session = try plugin.openSession(for: ExecFixture.file())
        let output = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("A", 50_000)), session)
        #expect(output.failures.count == 50_000 - 10)
        #expect(output.failures[10]?.contains("exited with status 3") == true)
        #expect(output[9, 0] == .text("A9"))
    }

    @Test func hungChildIsStoppedAtTheDeadlineItsRowsFailAndItIsRestarted() throws {
        let log = LogRecorder()
        let plugin = try ExecFixture.child("hang_after.py", "2", batchTimeout: 2, log: log)
        let session = try plugin.openSession(for: ExecFixture.file())
        let started = ContinuousClock.now
        let first = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("A", 4)), session)
        let elapsed = ContinuousClock.now - started
        #expect(first[1, 0] == .text("A1"))
        #expect(first.failures.keys.sorted() == [2, 3])
        #expect(first.failures[2]?.contains("batch_timeout") == true)
        // It ignores SIGTERM, so SIGKILL ends it after stop_grace.
        #expect(first.failures[2]?.contains("signal 9") == true)
        #expect(elapsed < .seconds(20), "the child hangs for good: only the deadline ends the batch")
        let second = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("B", 2)), session)
        #expect(second.failures.isEmpty)
        #expect(second[1, 0] == .text("B1"))
        #expect(log.all.filter { $0.contains("started child pid") }.count == 2)
    }

    @Test func unusableAnswersThatNameTheirRowFailOnlyThatRow() throws {
        let plugin = try ExecFixture.child("garbage.py")
        let session = try plugin.openSession(for: ExecFixture.file())
        let ids = ["A", "NESTED1", "B", "REJECT1", "C"]
        let output = try ExecFixture.run(ExecFixture.batch(ids), session)
        #expect(output.failures.keys.sorted() == [1, 3])
        #expect([0, 2, 4].map { output[$0, 0] } == [.text("A"), .text("B"), .text("C")])
        #expect(output.failures[1]?.contains("column \"echo\" an object") == true)
        #expect(output.failures[3] == "the child rejected the row: no offer for REJECT1")
        let again = try ExecFixture.run(ExecFixture.batch(["D"], firstLine: 7), session)
        #expect(again[0, 0] == .text("D"))
        #expect(try session.finish(artifacts: NoArtifacts()).metrics["child_starts"] == 1)
    }

    @Test("an answer line that names no row (not JSON, an array) rejects its batch whole and restarts the child")
    func answerNamingNoRowRejectsTheBatch() throws {
        let plugin = try ExecFixture.child("garbage.py")
        let session = try plugin.openSession(for: ExecFixture.file())
        let first = try ExecFixture.run(ExecFixture.batch(["A", "GARBAGE1", "B"]), session)
        #expect(first.failures.count == 3)
        #expect(first.failures[0]?.contains("out of step") == true, "\(first.failures[0] ?? "")")
        #expect(first.failures[0]?.contains("\"this is not JSON {GARBAGE1\"") == true)
        let second = try ExecFixture.run(ExecFixture.batch(["C", "ARRAY1"], firstLine: 5), session)
        #expect(second.failures.count == 2)
        #expect(
            second.failures[1]?.contains("not a JSON object with a \"line\" member") == true,
            "\(second.failures[1] ?? "")")
        let third = try ExecFixture.run(ExecFixture.batch(["D"], firstLine: 7), session)
        #expect(third.failures.isEmpty)
        #expect(third[0, 0] == .text("D"))
        let report = try session.finish(artifacts: NoArtifacts())
        #expect(report.metrics["child_starts"] == 3)
        #expect(report.metrics["out_of_step_batches"] == 2)
    }

    @Test func overlongAnswerFailsItsRowQuotedAndCut() throws {
        let plugin = try ExecFixture.child("garbage.py", extra: "max_line_bytes = 64")
        let long = "X" + String(repeating: "y", count: 200)
        let output = try ExecFixture.run(
            ExecFixture.batch(["A", long, "B"]),
            plugin.openSession(for: ExecFixture.file()))
        #expect(output.failures.keys.sorted() == [1])
        #expect(output.failures[1]?.contains("longer than max_line_bytes") == true)
        #expect(output.failures[1]?.contains("…\"") == true)
        #expect(output[2, 0] == .text("B"))
    }

    @Test func unstartableCommandFailsRowsWithTheCauseThenBacksOffWithoutWaiting() throws {
        let plugin = try ExecFixture.plugin(
            """
            command = ["/nonexistent/exec-child"]
            columns = ["echo"]
            batch_timeout = 0.5
            restart_backoff = { initial = 30.0, max = 60.0 }
            """)
        let session = try plugin.openSession(for: ExecFixture.file())
        let first = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("A", 2)), session)
        #expect(first.failures.count == 2)
        #expect(first.failures[0]?.contains("cannot start") == true)
        #expect(first.failures[0]?.contains("No such file or directory") == true)
        let started = ContinuousClock.now
        let second = try ExecFixture.run(ExecFixture.batch(ExecFixture.ids("B", 2)), session)
        #expect(ContinuousClock.now - started < .seconds(10), "far below the 30 s back-off")
        #expect(second.failures[1]?.contains("the next start is tried in") == true)
    }
}

/// Artifacts are not used by the exec plugin.
final class NoArtifacts: PluginArtifactWriter {
    func appendLine(_ line: String, to suffix: String) throws(PluginError) {}
}
