import ExecPlugin
import SegmentPlugin
import Testing

/// Children whose answers fall out of step with the rows (a stray line, a dropped, duplicated or doubled answer,
/// answers in another order): no row ever keeps an answer the child computed for another row, and a batch found
/// out of step is rejected whole and its child restarted. The child `out_of_step.py` answers every row with the
/// row's own customer id, so a row whose "echo" is not its own id carries another row's answer.
@Suite struct ExecOutOfStepTests {
    static let ids = ExecFixture.ids("C", 20)

    private func plugin(_ mode: String, echo: Bool, protocolOne: Bool = false) throws -> ExecPlugin {
        try ExecFixture.child(
            "out_of_step.py", mode, echo ? "echo" : "positional", batchTimeout: 1.5,
            extra: protocolOne ? "protocol = 1" : "")
    }

    /// Runs the 20-row batch, checks that it was rejected whole as out of step and that the next batch (one row)
    /// goes to a new child, which answers it in step unless it is out of step on every row (`double`).
    private func expectRejectedWholeThenRestarted(_ plugin: ExecPlugin, everyRow: Bool = false) throws {
        let session = try plugin.openSession(for: ExecFixture.file())
        let first = try ExecFixture.run(ExecFixture.batch(Self.ids), session)
        #expect(ExecFixture.foreignAnswers(first, ids: Self.ids) == [])
        #expect(
            first.failures.count == Self.ids.count,
            "accepted rows: \(Self.ids.indices.filter { first.failures[$0] == nil })")
        #expect(first.failures.values.allSatisfy { $0.contains("out of step") }, "\(first.failures.values.first ?? "")")
        let next = ["D0"]
        let second = try ExecFixture.run(ExecFixture.batch(next, firstLine: 22), session)
        #expect(second.failures.count == (everyRow ? 1 : 0), "\(second.failures)")
        #expect(ExecFixture.foreignAnswers(second, ids: next) == [])
        #expect(try session.finish(artifacts: NoArtifacts()).metrics["child_starts"] == 2)
    }

    @Test(
        "protocol 2: a stray, dropped, duplicated, doubled or unknown answer rejects the batch whole",
        arguments: ["extra", "drop", "duplicate", "double", "unknown"])
    func echoingChildOutOfStepRejectsTheBatch(mode: String) throws {
        try expectRejectedWholeThenRestarted(plugin(mode, echo: true), everyRow: mode == "double")
    }

    @Test("protocol 2: answers in another order are matched to their rows by the line they echo")
    func reorderedAnswersAreMatchedByLine() throws {
        let session = try plugin("reorder", echo: true).openSession(for: ExecFixture.file())
        let output = try ExecFixture.run(ExecFixture.batch(Self.ids), session)
        #expect(output.failures.isEmpty, "\(output.failures.values.first ?? "")")
        #expect(ExecFixture.foreignAnswers(output, ids: Self.ids) == [])
        #expect(try session.finish(artifacts: NoArtifacts()).metrics["child_starts"] == 1)
    }

    @Test("protocol 2: a child that does not echo the line is rejected with the fix in the reason")
    func nonEchoingChildUnderProtocolTwoIsToldToEchoOrSetProtocolOne() throws {
        let session = try plugin("in-step", echo: false).openSession(for: ExecFixture.file())
        let output = try ExecFixture.run(ExecFixture.batch(Self.ids), session)
        #expect(output.failures.count == Self.ids.count)
        #expect(output.failures[0]?.contains("no \"line\" member") == true, "\(output.failures[0] ?? "")")
        #expect(output.failures[0]?.contains("protocol = 1") == true)
    }

    @Test(
        "protocol 1: more or fewer lines than rows reject the batch whole",
        arguments: ["extra", "drop", "duplicate", "double"])
    func positionalChildOutOfStepRejectsTheBatch(mode: String) throws {
        try expectRejectedWholeThenRestarted(plugin(mode, echo: false, protocolOne: true), everyRow: mode == "double")
    }

    @Test("protocol 1: an answer that echoes another row's line rejects the batch whole")
    func positionalProtocolChecksAnEchoedLine() throws {
        try expectRejectedWholeThenRestarted(plugin("reorder", echo: true, protocolOne: true))
    }

    @Test("protocol 1: a child in step that does not echo is answered by position")
    func positionalChildInStepIsAccepted() throws {
        let session = try plugin("in-step", echo: false, protocolOne: true).openSession(for: ExecFixture.file())
        let output = try ExecFixture.run(ExecFixture.batch(Self.ids), session)
        #expect(output.failures.isEmpty, "\(output.failures.values.first ?? "")")
        #expect(ExecFixture.foreignAnswers(output, ids: Self.ids) == [])
    }
}
