import Synchronization
package import SegmentPlugin

/// The migration monitor: remembers each customer's segment from file to file (in SQLite under the state
/// directory) and adds `previous_segment` and `migration` (new, same, upgrade, downgrade by the configured
/// segment ranks) to every row, lists every move in `<stem>.migrations.jsonl`, and flags files with many
/// downgrades. Replays of the same input give the same previous segments. See `plugins/migration/README.md`.
package struct MigrationPlugin: ActionPlugin {
    /// Name, version, summary and the embedded `sample.toml`.
    package static let descriptor = PluginDescriptor(
        name: "migration", version: "1.0.0",
        summary: "remembers each customer's segment and reports upgrades and downgrades between files",
        sampleConfiguration: String(decoding: PackageResources.sample_toml, as: UTF8.self))

    /// `previous_segment` (string; null for a new customer, whom no earlier file had) and `migration` (string:
    /// `new`, `same`, `upgrade` or `downgrade`; never null).
    package let outputSchema = [
        PluginOutputColumn("previous_segment", .string, nullable: true), PluginOutputColumn("migration", .string),
    ]

    let settings: MigrationSettings
    private let context: PluginContext
    private let state = StateHandle()

    /// Reads the settings; the history itself is opened by the first session (so `segmentd validate` and
    /// `plugins` do not read it).
    package init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        self.settings = try MigrationSettings(settings: settings, context: context)
        self.context = context
        for name in Set(context.segmentNames) where self.settings.ranks[name] == nil {
            context.log(.warning, "segment \"\(name)\" has no rank in [ranks]; it ranks \(self.settings.unrankedRank)")
        }
    }

    /// Opens the history (once per database file in the process) and starts a session for `file`: a replay when
    /// its SHA-256 was committed before, a fresh file otherwise. Without the SHA-256 the session assumes a fresh
    /// file and checks that assumption in `identify(sha256:)`.
    package func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        let state = try state.get(path: settings.databasePath, memoryBudget: settings.memoryBudget)
        let stored = try file.sha256.map { (sha256) throws(PluginError) in try state.storedFile(sha256: sha256) } ?? nil
        return MigrationSession(file: file, state: state, stored: stored, settings: settings, log: context.log)
    }
}

/// Opens the shared state on first use and keeps it for the plugin's lifetime.
private final class StateHandle: Sendable {
    private let state = Mutex<MigrationState?>(nil)

    func get(path: String, memoryBudget: Int) throws(PluginError) -> MigrationState {
        let result: Result<MigrationState, PluginError> = state.withLock { state in
            if let state { return .success(state) }
            do throws(PluginError) {
                let opened = try MigrationState.shared(path: path, memoryBudget: memoryBudget)
                state = opened
                return .success(opened)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
