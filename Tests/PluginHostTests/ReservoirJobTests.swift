import Foundation
@testable import ScoringHost
import SegmentCore
@testable import SegmentDaemon
@testable import segmentd
import Testing

/// The daemon's jobs feed the reservoir once per scored file: a re-run after a crash adds nothing twice, and a file
/// that fails adds nothing.
@Suite("reservoir in daemon jobs")
struct ReservoirJobTests {
    /// The rows the reservoir of `tree` holds, and the rows it counts as scored, over the last 30 days.
    private static func reservoir(_ tree: PluginTree) throws -> (rows: Int, scored: Int) {
        let path = ReservoirStore.path(stateDirectory: tree.configuration.stateDirectory)
        guard FileManager.default.fileExists(atPath: path) else { return (0, 0) }
        let columns = try SegmentScorer(model: ModelFile.load(path: ModelFixture.shared.get().modelPath)).inputColumns
        let sample = try ReservoirStore(path: path, create: false).sample(
            columns: columns, now: Date(), days: 30, limit: 1_000_000)
        return (sample.rowCount, sample.days.reduce(0) { $0 + $1.rowsScored })
    }

    @Test("a scored file's rows enter the reservoir, with or without plugins (the two scoring paths)")
    func scoredFileIsSampled() throws {
        for plugins in [[:], ["tag": "enabled = true\norder = 1\n"]] {
            let tree = try PluginTree(plugins: plugins)
            try tree.drop("f.csv", try ModelFixture.shared.get().csv(rows: 300))
            guard case .scored = FileJob(context: try tree.context(), source: .inbox(name: "f.csv")).run() else {
                Issue.record("not scored with \(plugins.keys)")
                continue
            }
            let counts = try Self.reservoir(tree)
            #expect(counts.rows == 300 && counts.scored == 300, "plugins \(plugins.keys): \(counts)")
        }
    }

    @Test("the reservoir keeps the parsed input values, blanks as NaN, in the model's input-column order")
    func valuesAsParsed() throws {
        let tree = try PluginTree(plugins: [:])
        let fixture = try ModelFixture.shared.get()
        var fields = fixture.rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = ""
        try tree.drop("one.csv", fixture.header + "\n" + fields.joined(separator: ",") + "\n")
        _ = FileJob(context: try tree.context(), source: .inbox(name: "one.csv")).run()
        let header = fixture.header.split(separator: ",").map(String.init)
        let columns = Array(header.dropFirst())
        let rows = try ReservoirStore(
            path: ReservoirStore.path(stateDirectory: tree.configuration.stateDirectory), create: false
        ).recentRows(columns: columns, now: Date(), days: 30, limit: 10)
        try #require(rows.count == 1)
        #expect(rows[0][0].isNaN, "the blank BALANCE stays missing")
        let expected = fields.dropFirst(2).map { Double($0) ?? .nan }
        #expect(
            zip(rows[0].dropFirst(), expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
                && rows[0].count == expected.count + 1, "\(rows[0]) vs \(fields)")
    }

    @Test("reservoir_rows = 0 turns the reservoir off: nothing is sampled, no file is created")
    func reservoirOff() throws {
        var tree = try PluginTree(plugins: [:])
        tree.configuration.retrain.reservoirRows = 0
        try tree.drop("f.csv", try ModelFixture.shared.get().csv(rows: 50))
        guard case .scored = FileJob(context: try tree.context(), source: .inbox(name: "f.csv")).run() else {
            Issue.record("not scored")
            return
        }
        let path = ReservoirStore.path(stateDirectory: tree.configuration.stateDirectory)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("a reservoir that cannot be used never fails a file: it is scored and published, just not sampled")
    func unusableReservoirDoesNotFailTheFile() throws {
        let tree = try PluginTree(plugins: [:])
        let path = ReservoirStore.path(stateDirectory: tree.configuration.stateDirectory)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try tree.drop("f.csv", try ModelFixture.shared.get().csv(rows: 50))
        let outcome = FileJob(context: try tree.context(), source: .inbox(name: "f.csv")).run()
        guard case .scored = outcome else {
            Issue.record("not scored: \(outcome)")
            return
        }
        #expect(tree.outbox().keys.contains("f.scored.csv"))
    }

    @Test("after a crash between scoring and the ledger's commit, the re-run adds the file's rows only once")
    func crashReplayCountsOnce() throws {
        let input = try ModelFixture.shared.get().csv(rows: 500)
        for step in [JobStep.outputsWritten, .outputsPublished, .manifestPublished] {
            let tree = try PluginTree(plugins: [:])
            try tree.drop("f.csv", input)
            _ = FileJob(context: try tree.context(stopAfter: step), source: .inbox(name: "f.csv")).run()
            // The rows are recorded once the manifest is published (off the latency), before the ledger's commit.
            let recorded = step == .manifestPublished ? 500 : 0
            #expect(try Self.reservoir(tree).rows == recorded, "the crashed attempt after \(step)")
            let names = try WorkRecovery.prepare(configuration: tree.configuration, ledger: tree.ledger)
            #expect(!names.isEmpty)
            for name in names {
                _ = FileJob(context: try tree.context(), source: .work(name: name)).run()
            }
            let counts = try Self.reservoir(tree)
            #expect(counts.rows == 500 && counts.scored == 500, "crash after \(step): \(counts)")
        }
    }

    @Test("a file that fails with too_many_rejects adds nothing to the reservoir")
    func failedFileAddsNothing() throws {
        let tree = try PluginTree(plugins: [:])
        let fixture = try ModelFixture.shared.get()
        // 40 usable rows and 60 whose first numeric value is not a number: 60% rejected, over max_reject_share 0.5.
        let bad = fixture.rows.prefix(60).map { row -> String in
            var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = "not-a-number"
            return fields.joined(separator: ",")
        }
        let text = ([fixture.header] + fixture.rows.dropFirst(60).prefix(40) + bad).joined(separator: "\n") + "\n"
        try tree.drop("bad.csv", text)
        let outcome = FileJob(context: try tree.context(), source: .inbox(name: "bad.csv")).run()
        guard case .failed(let reason, _) = outcome else {
            Issue.record("not failed: \(outcome)")
            return
        }
        #expect(reason.contains("reject"), "\(reason)")
        #expect(try Self.reservoir(tree).rows == 0)
    }
}
