import SegmentSupport

extension RetrainConfiguration {
    /// One key of `[retrain]`: its name and how it is read into the configuration. A new key is one more entry in
    /// ``keys``.
    private struct Key: Sendable {
        let name: String
        let read: @Sendable (inout RetrainConfiguration, SettingsTable) throws(SettingsError) -> Void
    }

    /// A number above 0 and at most `maximum`.
    private static func number(
        _ name: String, _ keyPath: any WritableKeyPath<RetrainConfiguration, Double> & Sendable, maximum: Double,
        fix: String
    ) -> Key {
        Key(name: name) { retrain, table throws(SettingsError) in
            guard let value = try table.number(name) else { return }
            guard value.isFinite, value > 0, value <= maximum else {
                throw table.invalid(name, problem: "\(value) is out of range", fix: fix)
            }
            retrain[keyPath: keyPath] = value
        }
    }

    /// Every key of the table, in the documented order.
    private static let keys: [Key] = [
        number(
            "max_model_age_days", \.maxModelAgeDays, maximum: 36_500,
            fix: "use a number of days above 0, such as 90"),
        number("max_psi", \.maxPSI, maximum: 100, fix: "use a PSI above 0, such as 0.15 (0.25 is a large shift)"),
        number(
            "min_silhouette_ratio", \.minSilhouetteRatio, maximum: 1,
            fix: "use a share of the training silhouette above 0 and at most 1, such as 0.7"),
        number(
            "max_share_change", \.maxShareChange, maximum: 100,
            fix: "use a relative change above 0, such as 0.2 (a segment's share moved by 20%)"),
        Key(name: "min_rows") { retrain, table throws(SettingsError) in
            retrain.minRows = try table.integer("min_rows", in: 1...1_000_000_000) ?? retrain.minRows
        },
        Key(name: "reservoir_days") { retrain, table throws(SettingsError) in
            retrain.reservoirDays = try table.integer("reservoir_days", in: 1...3660) ?? retrain.reservoirDays
        },
        Key(name: "reservoir_rows") { retrain, table throws(SettingsError) in
            retrain.reservoirRows = try table.integer("reservoir_rows", in: 0...100_000_000) ?? retrain.reservoirRows
        },
    ]

    /// Decodes the `[retrain]` table with the daemon's settings reader: every key applied that can be, the defaults
    /// kept for the others, every problem thrown as one error. Unknown keys are left to the top-level check.
    static func decode(_ table: SettingsTable) throws(SettingsError) -> RetrainConfiguration {
        var retrain = RetrainConfiguration()
        var problems: [SettingsError] = []
        for key in keys {
            do throws(SettingsError) { try key.read(&retrain, table) } catch { problems.append(error) }
        }
        if let error = SettingsError.combining(problems) { throw error }
        return retrain
    }
}

extension ConfigurationSetting {
    /// The `[retrain]` table: read by ``RetrainConfiguration/decode(_:)``, rendered as one inline table. Reloadable.
    static let retrain = ConfigurationSetting(
        key: "retrain", reloadable: true,
        apply: { configuration, table throws(SettingsError) in
            guard let retrain = try table.table("retrain") else { return }
            configuration.retrain = try RetrainConfiguration.decode(retrain)
        }, render: { $0.retrain.canonicalText })
}
