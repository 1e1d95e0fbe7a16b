import ExecPlugin
import SegmentPlugin
import Testing

/// The shipped example child with the shipped defaults.
@Suite struct ExecExampleTests {
    @Test func exampleAddsRiskScoreAndNextBestActionByItsRules() throws {
        let plugin = try ExecFixture.plugin("")
        #expect(plugin.outputColumns == ["risk_score", "next_best_action"])
        #expect(!plugin.needsInputValues)
        // Risk at confidence 0.25: 80 + 15; Big Tickets at 0.9: 15 + 2; Beginners at 0.5: 50 + 10.
        let batch = ExecFixture.batch(["C1", "C2", "C3"], segments: [4, 0, 3], confidences: [0.25, 0.9, 0.5])
        let output = try ExecFixture.run(batch, plugin.openSession(for: ExecFixture.file()), columns: 2)
        #expect(output.failures.isEmpty)
        #expect((0..<3).map { output[$0, 0] } == [.integer(95), .integer(17), .integer(60)])
        #expect(
            (0..<3).map { output[$0, 1] }
                == [.text("call_customer"), .text("offer_upgrade"), .text("send_reminder")])
    }

    @Test func exampleUsesInputValuesWhenTheyAreSent() throws {
        let plugin = try ExecFixture.plugin("send_inputs = true")
        #expect(plugin.needsInputValues)
        // Both rows Big Tickets at confidence 1: 15; the first uses 95% of its credit line: +10.
        let batch = ExecFixture.batch(
            ["C1", "C2"], segments: [0, 0], confidences: [1, 1],
            inputColumns: ["BALANCE", "CREDIT_LIMIT"], inputValues: [950, 1000, 100, .nan])
        let output = try ExecFixture.run(batch, plugin.openSession(for: ExecFixture.file()), columns: 2)
        #expect(output.failures.isEmpty)
        #expect(output[0, 0] == .integer(25))
        #expect(output[1, 0] == .integer(15))
    }

    @Test func exampleLogsItsStartUpLineFromStderr() async throws {
        let log = LogRecorder()
        let plugin = try ExecFixture.plugin("", log: log)
        _ = try ExecFixture.run(ExecFixture.batch(["C1"]), plugin.openSession(for: ExecFixture.file()), columns: 2)
        #expect(await log.waitFor("stderr: risk_score.py ready"), "\(log.all)")
    }
}
