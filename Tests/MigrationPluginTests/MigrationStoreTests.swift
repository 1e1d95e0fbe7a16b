import Foundation
import MigrationPlugin
import SegmentPlugin
import Synchronization
import Testing

@Suite struct MigrationStoreTests {
    typealias Row = MigrationHarness.Row

    /// Customers `range` (ids `K<n>`) in segment `segment(n)`.
    static func rows(_ range: Range<Int>, segment: (Int) -> Int) -> [Row] {
        range.map { Row(customer: "K\($0)", segment: segment($0)) }
    }

    @Test(arguments: ["snapshot_factor = 0.01", "snapshot_factor = 1000.0", "snapshot_factor = 1.5"])
    func reopenedPluginSeesCommittedState(settings: String) throws {
        let directory = try MigrationHarness.temporaryDirectory()
        let problems = Mutex<[String]>([])
        do {
            let plugin = try MigrationHarness.plugin(directory: directory, overrides: settings) { level, message in
                if level == .warning || level == .error { problems.withLock { $0.append(message) } }
            }
            for file in 0..<4 {
                let rows = Self.rows((file * 50)..<(file * 50 + 300)) { ($0 + file) % 5 }
                _ = try MigrationHarness.run(
                    plugin, name: "f\(file).csv", sha256: "f\(file)", rows: rows, batchSize: 64)
            }
        }
        #expect(problems.withLock { $0 } == [], "snapshots and commits are written without warnings")
        let reopened = try MigrationHarness.plugin(directory: directory, overrides: settings)
        let check = try MigrationHarness.run(
            reopened, name: "check.csv", sha256: "check",
            rows: Self.rows(0..<500) { _ in 0 }, batchSize: 100)
        for customer in 0..<500 {
            let lastFile = (0..<4).last { $0 * 50 <= customer && customer < $0 * 50 + 300 }
            let expected = lastFile.map { MigrationHarness.segmentNames[(customer + $0) % 5] }
            #expect(check.previous[customer] == expected, "customer K\(customer)")
        }
        // Replays still read the stored rows after reopening.
        let replay = try MigrationHarness.run(
            reopened, name: "f0.csv", sha256: "f0",
            rows: Self.rows(0..<300) { $0 % 5 }, batchSize: 64)
        #expect(replay.migration.allSatisfy { $0 == "new" })
    }

    @Test func settingsErrorsNameTheKey() throws {
        let directory = try MigrationHarness.temporaryDirectory()
        for (overrides, key) in [
            ("downgrade_alert_share = 1.5", "downgrade_alert_share"), ("databse = \"x\"", "databse"),
            ("snapshot_factor = 0", "snapshot_factor"), ("[ranks]\nRisk = \"low\"", "ranks.Risk"),
            ("database = \"\"", "database"),
        ] {
            let error = #expect(throws: PluginError.self) {
                try MigrationHarness.plugin(directory: directory, overrides: overrides)
            }
            #expect(error?.key == key, "\(overrides)")
        }
    }

    @Test func databaseSettingChoosesTheFile() throws {
        let directory = try MigrationHarness.temporaryDirectory()
        let plugin = try MigrationHarness.plugin(directory: directory, overrides: "database = \"history/m.db\"")
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: [Row(customer: "C1", segment: 0)])
        #expect(FileManager.default.fileExists(atPath: "\(directory)/history/m.db"))
    }

    /// 5,000,000 distinct customers over two files, then a check of every one after reopening. The work runs on a
    /// thread of its own (about 25 s), the expectations back in the test.
    @Test(.enabled(if: MigrationStoreTests.isOptimized, "takes minutes without optimisation"))
    func fiveMillionCustomersStayCorrect() async throws {
        let directory = try MigrationHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let total = 5_000_000
        let outcome = try await MigrationHarness.onOwnThread {
            () throws -> (new: Double?, spotChecks: [Bool], wrong: Int) in
            let id = { (customer: Int) in "S" + String(1_000_000_000 + customer).dropFirst() }
            let (new, spotChecks) = try { () throws -> (Double?, [Bool]) in
                // This plugin (and its in-memory state) is gone before the history is reopened from disk.
                let plugin = try MigrationHarness.plugin(directory: directory)
                let first = (0..<3_000_000).map { Row(customer: id($0), segment: $0 % 5) }
                _ = try MigrationHarness.run(plugin, name: "one.csv", sha256: "one", rows: first, batchSize: 8192)
                let second = (2_000_000..<total).map { Row(customer: id($0), segment: ($0 / 7) % 5) }
                let result = try MigrationHarness.run(
                    plugin, name: "two.csv", sha256: "two", rows: second, batchSize: 8192)
                let checks = (2_000_000..<3_000_000).enumerated().filter { $0.offset % 9973 == 0 }.map {
                    row, customer in
                    result.previous[row] == MigrationHarness.segmentNames[customer % 5]
                }
                return (result.report.metrics["new"], checks)
            }()
            let reopened = try MigrationHarness.plugin(directory: directory)
            let everyone = (0..<total).map { Row(customer: id($0), segment: 0) }
            let check = try MigrationHarness.run(
                reopened, name: "check.csv", sha256: "check", rows: everyone,
                batchSize: 8192, trial: true)
            var wrong = 0
            for customer in 0..<total {
                let expected = customer >= 2_000_000 ? (customer / 7) % 5 : customer % 5
                if check.previous[customer] != MigrationHarness.segmentNames[expected] { wrong += 1 }
            }
            return (new, spotChecks, wrong)
        }
        #expect(outcome.new == 2_000_000)
        #expect(outcome.spotChecks.count == 101 && outcome.spotChecks.allSatisfy { $0 })
        #expect(outcome.wrong == 0)
    }

    static var isOptimized: Bool {
        #if DEBUG
            false
        #else
            true
        #endif
    }
}
