import Foundation
import SegmentPlugin

/// The migration plugin's settings, checked once when the plugin is built.
struct MigrationSettings: Sendable, Equatable {
    /// Absolute (or state-directory-relative, resolved) path of the SQLite history.
    let databasePath: String
    /// Value rank by segment name.
    let ranks: [String: Int]
    /// Rank of a segment name missing from `ranks`.
    let unrankedRank: Int
    /// Share of downgrades (among rows with a previous segment) above which the file is flagged.
    let downgradeAlertShare: Double
    /// Snapshot once the rows stored since the last snapshot exceed this many times the customers.
    let snapshotFactor: Double
    /// Bytes the customer history may keep resident: the in-memory table while it fits (with room to grow), else
    /// SQLite's page cache over the on-disk index of latest segments (see `MigrationStore+Latest.swift`).
    let memoryBudget: Int

    /// Smallest `memory_budget` accepted: 1 MiB.
    static let minimumMemoryBudget = 1 << 20

    /// Reads and checks every key of `settings`; relative paths are resolved against `context.stateDirectory`.
    /// - Throws: `PluginError` naming the file and key for a wrong type, an unusable value or an unknown key.
    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        let database = try settings.requiredString("database")
        guard !database.isEmpty else {
            throw settings.invalidValue(
                "database", problem: "the database path is empty",
                fix: "write a file name such as \"migration.sqlite\"")
        }
        let path = database.hasPrefix("/") ? database : "\(context.stateDirectory)/\(database)"
        databasePath = URL(fileURLWithPath: path).standardizedFileURL.path

        downgradeAlertShare = try settings.number("downgrade_alert_share") ?? 0.2
        guard (0...1).contains(downgradeAlertShare) else {
            throw settings.invalidValue(
                "downgrade_alert_share", problem: "\(downgradeAlertShare) is not a share",
                fix: "write a number from 0 to 1, e.g. 0.2")
        }
        unrankedRank = try settings.integer("unranked_rank") ?? 0
        snapshotFactor = try settings.number("snapshot_factor") ?? 1
        guard snapshotFactor > 0, snapshotFactor.isFinite else {
            throw settings.invalidValue(
                "snapshot_factor", problem: "\(snapshotFactor) is not above 0",
                fix: "write a positive number, e.g. 1.0")
        }
        memoryBudget = try settings.integer("memory_budget") ?? 268_435_456
        guard memoryBudget >= Self.minimumMemoryBudget else {
            throw settings.invalidValue(
                "memory_budget", problem: "\(memoryBudget) bytes is below the smallest budget of 1 MiB",
                fix: "write a number of bytes of at least 1048576, e.g. 268435456 (256 MiB)")
        }
        var ranks: [String: Int] = [:]
        if let table = try settings.table("ranks") {
            for name in table.keys {
                guard let rank = try table.integer(name) else { continue }
                ranks[name] = rank
            }
        }
        self.ranks = ranks
    }

    /// The rank of segment `name`.
    func rank(of name: String) -> Int { ranks[name] ?? unrankedRank }
}
