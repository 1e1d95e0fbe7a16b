import Foundation
import MigrationPlugin
import SegmentPlugin
import Testing

/// Big Tickets 0, Medium Tickets 1, Rare Purchasers 2, Beginners 3, Risk 4 (ranks 5, 4, 2, 3, 1).
@Suite struct MigrationHistoryTests {
    typealias Row = MigrationHarness.Row

    let firstFile: [Row] = [
        Row(customer: "C1", segment: 0), Row(customer: "C2", segment: 1), Row(customer: "C3", segment: 2),
        Row(customer: "C4", segment: 3), Row(customer: "C5", segment: 4),
    ]
    /// C1 Big → Medium (down), C3 Rare → Beginners (up), C5 stays Risk, C6 new, C2 Medium → Risk (down).
    let secondFile: [Row] = [
        Row(customer: "C1", segment: 1, confidence: 0.25), Row(customer: "C3", segment: 3, confidence: 0.125),
        Row(customer: "C5", segment: 4), Row(customer: "C6", segment: 0),
        Row(customer: "C2", segment: 4, confidence: 1),
    ]

    @Test func firstFileMarksEveryCustomerNew() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        let result = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        #expect(result.previous == [nil, nil, nil, nil, nil])
        #expect(result.migration == ["new", "new", "new", "new", "new"])
        #expect(result.lines.isEmpty)
        #expect(result.report.metrics["new"] == 5)
        #expect(result.report.flags.isEmpty)
    }

    @Test func secondFileGivesPreviousSegmentsDirectionsAndMoveLines() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        #expect(result.previous == ["Big Tickets", "Rare Purchasers", "Risk", nil, "Medium Tickets"])
        #expect(result.migration == ["downgrade", "upgrade", "same", "new", "downgrade"])
        #expect(
            result.lines == [
                #"{"customer_id":"C1","from":"Big Tickets","to":"Medium Tickets","direction":"downgrade","#
                    + #""confidence":0.25,"line":2}"#,
                #"{"customer_id":"C3","from":"Rare Purchasers","to":"Beginners","direction":"upgrade","#
                    + #""confidence":0.125,"line":3}"#,
                #"{"customer_id":"C2","from":"Medium Tickets","to":"Risk","direction":"downgrade","#
                    + #""confidence":1,"line":6}"#,
            ])
        #expect(result.report.metrics["downgrade"] == 2)
        #expect(result.report.metrics["upgrade"] == 1)
        #expect(result.report.metrics["same"] == 1)
        #expect(result.report.metrics["new"] == 1)
        #expect(result.report.metrics["downgrade_share"] == 0.5)
        #expect(result.report.flags == ["downgrade_share_exceeded"])
    }

    @Test func movesThatCannotBeWrittenFailTheFileAndItsRetryIsAReplayWithTheSameMoves() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let session = try plugin.openSession(
            for: PluginFile(name: "b.csv", sha256: "b", modelVersion: "test", isTrial: false))
        _ = try MigrationHarness.process(session, rows: secondFile, batchSize: 2)
        #expect(throws: PluginError.self) { try session.finish(artifacts: FullDisk()) }
        let retry = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        #expect(retry.previous == ["Big Tickets", "Rare Purchasers", "Risk", nil, "Medium Tickets"])
        #expect(retry.lines.count == 3)
        #expect(retry.report.metrics["downgrade"] == 2)
    }

    @Test func downgradeShareAtTheThresholdIsNotFlagged() throws {
        let plugin = try MigrationHarness.plugin(
            directory: try MigrationHarness.temporaryDirectory(),
            overrides: "downgrade_alert_share = 0.5")
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        #expect(result.report.metrics["downgrade_share"] == 0.5)
        #expect(result.report.flags.isEmpty)
    }

    @Test func replayOfAnEarlierFileGivesItsFirstRunPreviousSegmentsAndChangesNothing() throws {
        let recorder = LogRecorder()
        let plugin = try MigrationHarness.plugin(
            directory: try MigrationHarness.temporaryDirectory(), log: recorder.log)
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let secondRun = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        let replayOfFirst = try MigrationHarness.run(plugin, name: "a-again.csv", sha256: "a", rows: firstFile)
        #expect(replayOfFirst.previous == [nil, nil, nil, nil, nil])
        #expect(replayOfFirst.migration == ["new", "new", "new", "new", "new"])
        #expect(recorder.logsReplay(of: "a-again.csv"))
        #expect(replayOfFirst.report.metrics["replayed"] == nil, "a replay's manifest equals the first run's")
        let replayOfSecond = try MigrationHarness.run(
            plugin, name: "b.csv", sha256: "b", rows: secondFile, batchSize: 2)
        #expect(replayOfSecond.previous == secondRun.previous)
        #expect(replayOfSecond.migration == secondRun.migration)
        #expect(replayOfSecond.lines == secondRun.lines)
        // State is still the second file's: a third file compares against it.
        let third = try MigrationHarness.run(
            plugin, name: "c.csv", sha256: "c", rows: [Row(customer: "C1", segment: 1)])
        #expect(third.previous == ["Medium Tickets"])
        #expect(third.migration == ["same"])
    }

    @Test func fileIdentifiedAfterItsRowsIsCommittedUnderThatDigest() throws {
        let recorder = LogRecorder()
        let plugin = try MigrationHarness.plugin(
            directory: try MigrationHarness.temporaryDirectory(), log: recorder.log)
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile, identifiedLater: true)
        let second = try MigrationHarness.run(
            plugin, name: "b.csv", sha256: "b", rows: secondFile, identifiedLater: true)
        #expect(second.previous == ["Big Tickets", "Rare Purchasers", "Risk", nil, "Medium Tickets"])
        let replay = try MigrationHarness.run(plugin, name: "a-again.csv", sha256: "a", rows: firstFile)
        #expect(recorder.logsReplay(of: "a-again.csv"))
        #expect(!recorder.logsReplay(of: "a.csv") && !recorder.logsReplay(of: "b.csv"))
        #expect(replay.previous == [nil, nil, nil, nil, nil])
    }

    @Test func committedContentOpenedWithoutItsDigestAsksForItFirstAndChangesNothing() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let secondRun = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        do {
            _ = try MigrationHarness.run(
                plugin, name: "a-again.csv", sha256: "a", rows: firstFile, identifiedLater: true)
            Issue.record("a replay identified after its rows was accepted")
        } catch is MigrationHarness.NeedsContentFirst {
            // The session answered that it needs the content first, and was cancelled.
        }
        // What the host does next: the same content with its digest known from the start.
        let replay = try MigrationHarness.run(plugin, name: "b-again.csv", sha256: "b", rows: secondFile)
        #expect(replay.previous == secondRun.previous)
        let third = try MigrationHarness.run(
            plugin, name: "c.csv", sha256: "c", rows: [Row(customer: "C1", segment: 1)])
        #expect(third.previous == ["Medium Tickets"], "the refused pass changed no state")
    }

    @Test func filesProcessedTogetherBothCommitTheirCustomersAndTheLastCommitSetsTheShared() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "base.csv", sha256: "base", rows: [Row(customer: "C0", segment: 2)])
        let first = try plugin.openSession(
            for: PluginFile(name: "a.csv", sha256: "a", modelVersion: "t", isTrial: false))
        let second = try plugin.openSession(
            for: PluginFile(name: "b.csv", sha256: "b", modelVersion: "t", isTrial: false))
        _ = try MigrationHarness.process(
            first, rows: [Row(customer: "C1", segment: 0), Row(customer: "C2", segment: 1)],
            batchSize: 2)
        _ = try MigrationHarness.process(
            second,
            rows: [
                Row(customer: "C2", segment: 3), Row(customer: "C3", segment: 4),
                Row(customer: "C0", segment: 0),
            ], batchSize: 2)
        _ = try first.finish(artifacts: RecordingWriter())
        // The second file's new customers include C2, which the first commit added meanwhile.
        _ = try second.finish(artifacts: RecordingWriter())
        let check = try MigrationHarness.run(
            plugin, name: "c.csv", sha256: "c",
            rows: ["C0", "C1", "C2", "C3", "C4"].map {
                Row(customer: $0, segment: 0)
            })
        #expect(check.previous == ["Big Tickets", "Big Tickets", "Beginners", "Risk", nil])
    }

    @Test func rescoreWithOtherSegmentsKeepsThePreviousSegments() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let first = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        var rescored = secondFile
        rescored[0].segment = 0
        let replay = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: rescored)
        #expect(replay.previous == first.previous)
        #expect(replay.migration[0] == "same")
    }

    @Test func cancelledSessionLeavesNoTrace() throws {
        let directory = try MigrationHarness.temporaryDirectory()
        let recorder = LogRecorder()
        do {
            let plugin = try MigrationHarness.plugin(directory: directory, log: recorder.log)
            _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
            let session = try plugin.openSession(
                for: PluginFile(name: "b.csv", sha256: "b", modelVersion: "t", isTrial: false))
            _ = try MigrationHarness.process(session, rows: Array(secondFile.prefix(3)), batchSize: 2)
            session.cancel()
            // A session abandoned mid-file (the process killed before `finish`) is never committed either.
            let abandoned = try plugin.openSession(
                for: PluginFile(name: "x.csv", sha256: "x", modelVersion: "t", isTrial: false))
            _ = try MigrationHarness.process(abandoned, rows: secondFile, batchSize: 2)
            let again = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
            #expect(again.previous == ["Big Tickets", "Rare Purchasers", "Risk", nil, "Medium Tickets"])
            #expect(!recorder.logsReplay(of: "b.csv"))
        }
        let reopened = try MigrationHarness.plugin(directory: directory)
        let check = try MigrationHarness.run(
            reopened, name: "c.csv", sha256: "c",
            rows: [Row(customer: "C6", segment: 0), Row(customer: "C9", segment: 0)])
        #expect(check.previous == ["Big Tickets", nil])
    }

    @Test func trialComputesButWritesNothing() throws {
        let directory = try MigrationHarness.temporaryDirectory()
        let recorder = LogRecorder()
        let plugin = try MigrationHarness.plugin(directory: directory, log: recorder.log)
        let trial = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile, trial: true)
        #expect(trial.migration == ["new", "new", "new", "new", "new"])
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/migration.sqlite"))
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let trialAfter = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile, trial: true)
        #expect(trialAfter.previous == ["Big Tickets", "Rare Purchasers", "Risk", nil, "Medium Tickets"])
        let realAfter = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: secondFile)
        #expect(realAfter.previous == trialAfter.previous)
        #expect(!recorder.logsReplay(of: "a.csv") && !recorder.logsReplay(of: "b.csv"), "trials committed nothing")
    }

    @Test func repeatedCustomerInOneFileAppliesRowsInOrder() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: firstFile)
        let rows = [
            Row(customer: "C1", segment: 1), Row(customer: "N1", segment: 4), Row(customer: "C1", segment: 4),
            Row(customer: "N1", segment: 0), Row(customer: "C2", segment: 1), Row(customer: "C1", segment: 0),
        ]
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: rows, batchSize: 4)
        #expect(result.previous == ["Big Tickets", nil, "Medium Tickets", "Risk", "Medium Tickets", "Risk"])
        #expect(result.migration == ["downgrade", "new", "downgrade", "upgrade", "same", "upgrade"])
        let after = try MigrationHarness.run(
            plugin, name: "c.csv", sha256: "c",
            rows: [Row(customer: "C1", segment: 0), Row(customer: "N1", segment: 0)])
        #expect(after.previous == ["Big Tickets", "Big Tickets"])
    }

    @Test func equalRanksAreSameAndUnrankedSegmentsUseTheUnrankedRank() throws {
        let plugin = try MigrationHarness.plugin(
            directory: try MigrationHarness.temporaryDirectory(),
            overrides: "unranked_rank = 9\n[ranks]\n\"Risk\" = 3\n\"Big Tickets\" = 1\n")
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: [Row(customer: "C1", segment: 3)])
        let second = try MigrationHarness.run(
            plugin, name: "b.csv", sha256: "b", rows: [Row(customer: "C1", segment: 4)])
        #expect(second.migration == ["same"])
        #expect(second.lines.count == 1)
        #expect(second.lines.first?.contains(#""direction":"same""#) == true)
        let session = try plugin.openSession(
            for: PluginFile(name: "c.csv", sha256: "c", modelVersion: "t", isTrial: false))
        let batch = ScoredBatch(
            lines: [2], customerIDs: ["C1"], segmentIDs: [0], confidences: [0.5], distances: [1],
            segmentNames: ["Segment 1"])
        var output = PluginColumns(columnCount: 2, rowCount: 1)
        try session.process(batch, into: &output)
        #expect(output[0, 1] == .text("upgrade"))
    }

    @Test func badRowsFailWithAReason() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        let rows = [Row(customer: "", segment: 0), Row(customer: "C1", segment: 7), Row(customer: "C2", segment: 1)]
        let result = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: rows)
        #expect(result.failures[0] == "the customer id is empty")
        #expect(result.failures[1] == "segment id 7 has no name in the model")
        #expect(result.failures[2] == nil)
        #expect(result.migration[2] == "new")
    }
}

/// Refuses every line, like an outbox whose disk is full.
private final class FullDisk: PluginArtifactWriter {
    func appendLine(_ line: String, to suffix: String) throws(PluginError) {
        throw PluginError(.processingFailed, source: suffix, problem: "no space left on device", fix: "free some space")
    }
}
