import Foundation
@testable import MigrationPlugin
import SegmentPlugin
import Testing

/// `memory_budget`: a history that outgrows it moves to disk (`MigrationStore+Latest.swift`) and gives exactly the
/// results of a history kept in memory.
@Suite struct MemoryBudgetTests {
    typealias Row = MigrationHarness.Row

    /// The smallest budget (1 MiB): 25,000 customers take more than half of it in memory.
    static let tinyBudget = "memory_budget = 1048576"

    /// `count` rows of customers `first…`, every `moveEvery`-th with segment shifted by `shift`, and every
    /// 7th customer repeated at the end of the file with yet another segment.
    static func rows(first: Int, count: Int, shift: Int = 0, moveEvery: Int = 1) -> [Row] {
        var rows: [Row] = []
        for customer in first..<(first + count) {
            let moved = customer % moveEvery == 0 ? shift : 0
            rows.append(Row(customer: "K\(customer)", segment: (customer + moved) % 5, confidence: 0.5))
        }
        for customer in stride(from: first, to: first + count, by: 7) {
            rows.append(Row(customer: "K\(customer)", segment: (customer + 2) % 5))
        }
        return rows
    }

    /// What a file gave, for comparing two runs.
    struct Outcome: Equatable {
        var previous: [String?]
        var migration: [String?]
        var failures: [Int: String]
        var lines: [String]
        var flags: [String]
        var metrics: [String: Double]

        init(_ result: MigrationHarness.Result) {
            previous = result.previous
            migration = result.migration
            failures = result.failures
            lines = result.lines
            flags = result.report.flags
            metrics = result.report.metrics
        }
    }

    /// The state behind `plugin`'s database in `directory` (the one the plugin holds open).
    static func state(_ directory: String) throws -> MigrationState {
        try MigrationState.shared(path: "\(directory)/migration.sqlite", memoryBudget: 1 << 20)
    }

    /// Runs the same files through a plugin with `overrides`, restarting it (a new plugin on the same directory)
    /// before the fourth file; returns every file's outcome and whether the history was spilled after each.
    static func history(overrides: String) throws -> (outcomes: [Outcome], spilled: [Bool]) {
        let directory = try MigrationHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var outcomes: [Outcome] = []
        var spilled: [Bool] = []
        do {
            let plugin = try MigrationHarness.plugin(directory: directory, overrides: overrides)
            let files: [(String, [Row], String?)] = [
                ("a", rows(first: 0, count: 25_000), nil),
                ("b", rows(first: 20_000, count: 10_000, shift: 1, moveEvery: 3), nil),
                ("c", rows(first: 24_000, count: 3_000, shift: 2, moveEvery: 2), "other-lineage"),
            ]
            for (name, rows, lineage) in files {
                let result = try MigrationHarness.run(
                    plugin, name: "\(name).csv", sha256: name, rows: rows, batchSize: 1000, lineage: lineage)
                outcomes.append(Outcome(result))
                spilled.append(try state(directory).isSpilled)
            }
            // A replay of the second file gives its first run's columns.
            let replay = try MigrationHarness.run(
                plugin, name: "b-again.csv", sha256: "b", rows: files[1].1, batchSize: 999)
            outcomes.append(Outcome(replay))
        }
        // A restart: the history is opened again from disk.
        let plugin = try MigrationHarness.plugin(directory: directory, overrides: overrides)
        let result = try MigrationHarness.run(
            plugin, name: "d.csv", sha256: "d", rows: rows(first: 10_000, count: 30_000, shift: 3, moveEvery: 4),
            batchSize: 4096)
        outcomes.append(Outcome(result))
        spilled.append(try state(directory).isSpilled)
        return (outcomes, spilled)
    }

    @Test func aTinyBudgetReportsExactlyWhatAnUnboundedHistoryReports() async throws {
        let (bounded, unbounded) = try await MigrationHarness.onOwnThread {
            (try Self.history(overrides: Self.tinyBudget), try Self.history(overrides: ""))
        }
        #expect(bounded.spilled == [true, true, true, true])
        #expect(unbounded.spilled == [false, false, false, false])
        #expect(bounded.outcomes.count == unbounded.outcomes.count)
        for (number, (spilled, kept)) in zip(bounded.outcomes, unbounded.outcomes).enumerated() {
            #expect(spilled == kept, "file \(number)")
        }
        // The files did move customers, so the comparison covers moves, news and repeats.
        #expect((unbounded.outcomes[1].metrics["downgrade"] ?? 0) > 0)
        #expect((unbounded.outcomes[1].metrics["new"] ?? 0) == 5_000)
        #expect(unbounded.outcomes[1] == unbounded.outcomes[3])
    }

    @Test func aSpilledHistoryKeepsNoCustomerTableInMemory() async throws {
        try await MigrationHarness.onOwnThread {
            let directory = try MigrationHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let plugin = try MigrationHarness.plugin(directory: directory, overrides: Self.tinyBudget)
            _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: Self.rows(first: 0, count: 5_000))
            let state = try Self.state(directory)
            #expect(!state.isSpilled)
            #expect(state.tableResidentBytes * 2 <= 1 << 20)
            _ = try MigrationHarness.run(
                plugin, name: "b.csv", sha256: "b", rows: Self.rows(first: 5_000, count: 30_000), batchSize: 5000)
            #expect(state.isSpilled)
            #expect(state.tableResidentBytes < 1024)
        }
    }

    @Test func theHistoryMovesToDiskOnlyWhenNoOtherFileIsInProgress() async throws {
        try await MigrationHarness.onOwnThread {
            let directory = try MigrationHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let plugin = try MigrationHarness.plugin(directory: directory, overrides: Self.tinyBudget)
            let open = try plugin.openSession(
                for: PluginFile(name: "slow.csv", sha256: "slow", modelVersion: "test", isTrial: false))
            let first = try MigrationHarness.process(
                open, rows: Self.rows(first: 0, count: 10, shift: 1), batchSize: 5)
            _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: Self.rows(first: 0, count: 30_000))
            let state = try Self.state(directory)
            #expect(!state.isSpilled)
            // The open file's next batch still sees the first file's commit: K10 was committed meanwhile.
            let second = try MigrationHarness.process(
                open, rows: [Row(customer: "K10", segment: 3), Row(customer: "K0", segment: 0)], batchSize: 5)
            // K0 was new in this file before the commit: its previous segment is its own last row here.
            #expect(second.previous == ["Big Tickets", "Rare Purchasers"])
            #expect(second.migration == ["downgrade", "upgrade"])
            #expect(first.migration.prefix(10).allSatisfy { $0 == "new" })
            _ = try open.finish(artifacts: RecordingWriter())
            #expect(state.isSpilled)
        }
    }

    @Test func onDiskTheFileThatCommitsLastSetsTheSegmentEvenWhenItKeptIt() async throws {
        try await MigrationHarness.onOwnThread {
            let directory = try MigrationHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let plugin = try MigrationHarness.plugin(directory: directory, overrides: Self.tinyBudget)
            _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: Self.rows(first: 0, count: 30_000))
            #expect(try Self.state(directory).isSpilled)
            // K5 is Big Tickets. File `keeps` leaves it there, file `moves` makes it Medium Tickets and commits
            // first: `keeps` commits last, so K5 ends Big Tickets although its row did not change it.
            let keeps = try plugin.openSession(
                for: PluginFile(name: "keeps.csv", sha256: "keeps", modelVersion: "test", isTrial: false))
            _ = try MigrationHarness.process(keeps, rows: [Row(customer: "K5", segment: 0)], batchSize: 5)
            _ = try MigrationHarness.run(
                plugin, name: "moves.csv", sha256: "moves", rows: [Row(customer: "K5", segment: 1)])
            _ = try keeps.finish(artifacts: RecordingWriter())
            let after = try MigrationHarness.run(
                plugin, name: "c.csv", sha256: "c", rows: [Row(customer: "K5", segment: 0)])
            #expect(after.previous == ["Big Tickets"])
            #expect(after.migration == ["same"])
        }
    }

    /// A history of 30,000 customers written under the default budget, opened again with `overrides`: the second
    /// file's outcome and whether the history was spilled then.
    static func reopened(overrides: String) throws -> (outcome: Outcome, spilled: Bool) {
        let directory = try MigrationHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let plugin = try MigrationHarness.plugin(directory: directory)
            _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: rows(first: 0, count: 30_000))
        }
        let plugin = try MigrationHarness.plugin(directory: directory, overrides: overrides)
        let result = try MigrationHarness.run(
            plugin, name: "b.csv", sha256: "b", rows: rows(first: 20_000, count: 20_000, shift: 1), batchSize: 3000)
        return (Outcome(result), try state(directory).isSpilled)
    }

    @Test func aHistoryOpenedUnderASmallerBudgetMovesToDiskAndGivesTheSameResults() async throws {
        let bounded = try await MigrationHarness.onOwnThread { try Self.reopened(overrides: Self.tinyBudget) }
        let kept = try await MigrationHarness.onOwnThread { try Self.reopened(overrides: "") }
        #expect(bounded.spilled)
        #expect(!kept.spilled)
        #expect(bounded.outcome == kept.outcome)
        #expect(bounded.outcome.metrics["new"] == 10_000)
    }

    @Test func filesCommittedWithoutTheOnDiskIndexAreAppliedToItWhenOpened() async throws {
        try await MigrationHarness.onOwnThread {
            let directory = try MigrationHarness.temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let path = "\(directory)/migration.sqlite"
            do {
                let plugin = try MigrationHarness.plugin(directory: directory, overrides: Self.tinyBudget)
                _ = try MigrationHarness.run(
                    plugin, name: "a.csv", sha256: "a", rows: Self.rows(first: 0, count: 30_000))
                #expect(try Self.state(directory).isSpilled)
            }
            // As a segmentd without `latest` would: K1 (Medium Tickets, code 2) becomes Beginners (code 4).
            var rows = FileAssignments()
            CustomerKey.withBytes(of: "K1") { rows.append($0, previous: 2, current: 4) }
            let names = ["", "Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]
            let committed = try MigrationStore(path: path).commit(
                FileRecord(sha256: "old", name: "old.csv", assignments: rows), expectedLast: 1, names: names,
                lineages: Array(repeating: "", count: names.count))
            #expect(committed)
            let plugin = try MigrationHarness.plugin(directory: directory, overrides: Self.tinyBudget)
            let result = try MigrationHarness.run(
                plugin, name: "b.csv", sha256: "b", rows: [Row(customer: "K1", segment: 3)])
            #expect(result.previous == ["Beginners"])
            #expect(result.migration == ["same"])
        }
    }

    @Test func memoryBudgetDefaultsTo256MiBAndRefusesLessThan1MiB() throws {
        let directory = try MigrationHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plugin = try MigrationHarness.plugin(directory: directory)
        #expect(plugin.settings.memoryBudget == 268_435_456)
        #expect(
            try MigrationHarness.plugin(directory: directory, overrides: Self.tinyBudget).settings.memoryBudget
                == 1_048_576)
        for bad in ["memory_budget = 1048575", "memory_budget = 0", "memory_budget = -5", "memory_budget = \"1G\""] {
            let error = #expect(throws: PluginError.self) {
                _ = try MigrationHarness.plugin(directory: directory, overrides: bad)
            }
            #expect(error?.description.contains("memory_budget") == true, "\(bad)")
        }
    }
}
