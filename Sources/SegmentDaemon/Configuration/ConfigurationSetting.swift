import SegmentSupport

/// One key of the configuration file: its TOML name, how its value is read and applied, and how the effective
/// value is written.
struct ConfigurationSetting: Sendable {
    typealias Apply = @Sendable (inout DaemonConfiguration, SettingsTable) throws(SettingsError) -> Void

    /// The key as written in TOML.
    let key: String
    /// False when a changed value only takes effect on restart (directories, mode, lock file).
    let reloadable: Bool
    /// True when the value changes the bytes published for the same input and model (the duplicate policy, the
    /// share of rejects that fails a file);
    /// only such keys enter the configuration hash in manifests. The model's version is reported beside the hash,
    /// and the pipeline and segments are embedded in the model, so none of them is such a key.
    var affectsOutput = false
    /// Reads the key from the file's table, if set, into the configuration.
    let apply: Apply
    /// The effective value in a canonical spelling (for the configuration hash and the startup log).
    let render: @Sendable (DaemonConfiguration) -> String
    /// The field of a path key, which ``DaemonConfiguration/resolvingPaths(configurationFile:workingDirectory:)``
    /// makes absolute; nil for other keys.
    var pathField: (any WritableKeyPath<DaemonConfiguration, String> & Sendable)?

    /// A path (non-empty string).
    static func path(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, String> & Sendable, reloadable: Bool = false,
        affectsOutput: Bool = false
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: reloadable, affectsOutput: affectsOutput,
            apply: { configuration, table throws(SettingsError) in
                guard let text = try table.string(key) else { return }
                guard !text.isEmpty else {
                    throw table.invalid(key, problem: "the path is empty", fix: "write a path in quotes")
                }
                configuration[keyPath: keyPath] = text
            }, render: { "\"\($0[keyPath: keyPath])\"" }, pathField: keyPath)
    }

    /// A duration in seconds (integer or decimal), at least `minimum`.
    static func seconds(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Duration> & Sendable, minimum: Double = 0
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: true,
            apply: { configuration, table throws(SettingsError) in
                guard let seconds = try table.number(key) else { return }
                guard seconds.isFinite, seconds >= minimum, seconds <= 86_400 * 365 else {
                    let range = minimum > 0 ? "\(minimum) or more" : "0 or more"
                    throw table.invalid(
                        key, problem: "\(seconds) seconds is out of range", fix: "use \(range) seconds, up to a year")
                }
                configuration[keyPath: keyPath] = .milliseconds(Int64((seconds * 1000).rounded()))
            },
            render: { configuration in
                "\(configuration[keyPath: keyPath].inSeconds)s"
            })
    }

    /// An integer in `range`.
    static func integer<Number: FixedWidthInteger & Sendable>(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Number> & Sendable,
        range: ClosedRange<Number>
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: true,
            apply: { configuration, table throws(SettingsError) in
                guard let number = try table.integer(key) else { return }
                guard let converted = Number(exactly: number), range.contains(converted) else {
                    throw table.invalid(
                        key, problem: "\(number) is outside \(range.lowerBound)...\(range.upperBound)",
                        fix: "use a whole number from \(range.lowerBound) to \(range.upperBound)")
                }
                configuration[keyPath: keyPath] = converted
            }, render: { String($0[keyPath: keyPath]) })
    }

    /// A share from 0 to 1 (integer or decimal); `fix` says what to write instead of a value out of range.
    static func share(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Double> & Sendable, affectsOutput: Bool,
        fix: String = "use a number from 0 (any rejected row fails the file) to 1 (only a file with rows but "
            + "none scored fails), such as 0.5"
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: true, affectsOutput: affectsOutput,
            apply: { configuration, table throws(SettingsError) in
                guard let share = try table.number(key) else { return }
                guard share.isFinite, (0...1).contains(share) else {
                    throw table.invalid(key, problem: "\(share) is not a share from 0 to 1", fix: fix)
                }
                configuration[keyPath: keyPath] = share
            }, render: { "\($0[keyPath: keyPath])" })
    }

    /// One of a fixed set of words.
    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Choice> & Sendable, reloadable: Bool,
        affectsOutput: Bool = false
    ) -> ConfigurationSetting where Choice.RawValue == String {
        ConfigurationSetting(
            key: key, reloadable: reloadable, affectsOutput: affectsOutput,
            apply: { configuration, table throws(SettingsError) in
                guard let choice = try table.choice(key, as: Choice.self) else { return }
                configuration[keyPath: keyPath] = choice
            }, render: { "\"\($0[keyPath: keyPath].rawValue)\"" })
    }
}
