import SegmentSupport

extension RetrainConfiguration {
    /// Decodes the `[retrain]` table with the daemon's settings reader: every key applied that can be, the defaults
    /// kept for the others, and every problem thrown as one error. Unknown keys are left to the top-level check,
    /// which reports them with their line. A new key is one more `read` step here, one more field with its default
    /// in ``RetrainConfiguration``, and one more line in `etc/segmentd.toml`.
    static func decode(_ table: SettingsTable) throws(SettingsError) -> RetrainConfiguration {
        var retrain = RetrainConfiguration()
        var problems: [SettingsError] = []
        func read(_ step: (inout RetrainConfiguration) throws(SettingsError) -> Void) {
            do throws(SettingsError) { try step(&retrain) } catch { problems.append(error) }
        }
        read { retrain throws(SettingsError) in
            retrain.reservoirDays = try table.integer("reservoir_days", in: 1...3660) ?? retrain.reservoirDays
        }
        read { retrain throws(SettingsError) in
            retrain.reservoirRows = try table.integer("reservoir_rows", in: 0...100_000_000) ?? retrain.reservoirRows
        }
        if let error = SettingsError.combining(problems) { throw error }
        return retrain
    }
}

extension ConfigurationSetting {
    /// The `[retrain]` table: read by ``RetrainConfiguration/decode(_:)``, rendered as one inline table.
    static let retrain = ConfigurationSetting(
        key: "retrain", reloadable: true,
        apply: { configuration, table throws(SettingsError) in
            guard let retrain = try table.table("retrain") else { return }
            configuration.retrain = try RetrainConfiguration.decode(retrain)
        }, render: { $0.retrain.canonicalText })
}
