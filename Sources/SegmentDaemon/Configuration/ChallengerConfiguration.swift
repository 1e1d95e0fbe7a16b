import SegmentSupport

/// The `[challenger]` table of the configuration: what the daemon does with the model registry's `challenger` alias
/// (README, "Shadow and A/B"), with every default in this one place; `etc/segmentd.toml` documents each key.
///
/// Both keys take effect on SIGHUP (the scoring host is rebuilt with them); the alias itself is followed per file.
package struct ChallengerConfiguration: Sendable, Equatable {
    /// `off`, `shadow` or `ab` (`mode`).
    package enum Mode: String, Sendable, CaseIterable {
        case off, shadow, ab
    }

    /// `off` (the champion alone), `shadow` (the challenger also scores every file, output unchanged) or `ab`
    /// (each customer's arm picks the model).
    package var mode = Mode.off
    /// The challenger arm's share of the customers in `ab` mode (`share`, 0 to 1).
    package var share = 0.5

    /// The built-in defaults.
    package init() {}

    /// The effective values as one TOML inline table: the canonical text of `challenger`.
    package var canonicalText: String {
        "{ mode = \"\(mode.rawValue)\", share = \(share) }"
    }

    /// Decodes the `[challenger]` table with the daemon's settings reader; unknown keys are left to the top-level
    /// check, which reports them with their line.
    static func decode(_ table: SettingsTable) throws(SettingsError) -> ChallengerConfiguration {
        var challenger = ChallengerConfiguration()
        var problems: [SettingsError] = []
        do throws(SettingsError) {
            challenger.mode = try table.choice("mode", as: Mode.self) ?? challenger.mode
        } catch { problems.append(error) }
        do throws(SettingsError) {
            if let share = try table.number("share") {
                guard share.isFinite, (0...1).contains(share) else {
                    throw table.invalid(
                        "share", problem: "\(share) is not a share from 0 to 1",
                        fix: "use the challenger arm's share of the customers, such as 0.5 (1: every customer)")
                }
                challenger.share = share
            }
        } catch { problems.append(error) }
        if let error = SettingsError.combining(problems) { throw error }
        return challenger
    }
}

extension ConfigurationSetting {
    /// The `[challenger]` table: read by ``ChallengerConfiguration/decode(_:)``, rendered as one inline table. It
    /// changes the published bytes in `ab` mode (and the manifests in `shadow`), so it enters `config_sha256`, but
    /// only when not `off` (``DaemonConfiguration/outputHash``): configurations without it keep their hash.
    static let challenger = ConfigurationSetting(
        key: "challenger", reloadable: true,
        apply: { configuration, table throws(SettingsError) in
            guard let challenger = try table.table("challenger") else { return }
            configuration.challenger = try ChallengerConfiguration.decode(challenger)
        }, render: { $0.challenger.canonicalText })
}
