/// One key of the configuration file: its TOML name, how a value is applied, and how the effective value is written.
struct ConfigurationSetting: Sendable {
    typealias Apply =
        @Sendable (inout DaemonConfiguration, ConfigValue, _ source: String) throws(ConfigurationError) -> Void

    /// The key as written in TOML.
    let key: String
    /// False when a changed value only takes effect on restart (directories, mode, lock file).
    let reloadable: Bool
    /// True when the value can change what is published (model, pipeline, segments, duplicate policy);
    /// only such keys enter the configuration hash in manifests.
    var affectsOutput = false
    let apply: Apply
    /// The effective value in a canonical spelling (for the configuration hash and the startup log).
    let render: @Sendable (DaemonConfiguration) -> String

    /// A path (non-empty string).
    static func path(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, String> & Sendable, reloadable: Bool = false,
        affectsOutput: Bool = false
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: reloadable, affectsOutput: affectsOutput,
            apply: { configuration, value, source throws(ConfigurationError) in
                guard case .string(let text) = value else {
                    throw .wrongType(source: source, key: key, expected: "a path in quotes", found: value.typeName)
                }
                guard !text.isEmpty else {
                    throw .invalidValue(source: source, key: key, value: value.rendered, expected: "a non-empty path")
                }
                configuration[keyPath: keyPath] = text
            }, render: { "\"\($0[keyPath: keyPath])\"" })
    }

    /// A duration in seconds (integer or decimal), at least `minimum`.
    static func seconds(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Duration> & Sendable, minimum: Double = 0
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: true,
            apply: { configuration, value, source throws(ConfigurationError) in
                let seconds: Double
                switch value {
                case .integer(let number): seconds = Double(number)
                case .float(let number): seconds = number
                default:
                    throw .wrongType(source: source, key: key, expected: "a number of seconds", found: value.typeName)
                }
                guard seconds.isFinite, seconds >= minimum, seconds <= 86_400 * 365 else {
                    let range = minimum > 0 ? "more than \(minimum)" : "0 or more"
                    throw .invalidValue(source: source, key: key, value: value.rendered, expected: "\(range) seconds")
                }
                configuration[keyPath: keyPath] = .milliseconds(Int64((seconds * 1000).rounded()))
            },
            render: { configuration in
                let duration = configuration[keyPath: keyPath]
                return "\(duration.components.seconds).\(duration.components.attoseconds)s"
            })
    }

    /// An integer in `range`.
    static func integer<Number: FixedWidthInteger & Sendable>(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Number> & Sendable,
        range: ClosedRange<Number>
    ) -> ConfigurationSetting {
        ConfigurationSetting(
            key: key, reloadable: true,
            apply: { configuration, value, source throws(ConfigurationError) in
                guard case .integer(let number) = value else {
                    throw .wrongType(source: source, key: key, expected: "a whole number", found: value.typeName)
                }
                guard let converted = Number(exactly: number), range.contains(converted) else {
                    throw .invalidValue(
                        source: source, key: key, value: value.rendered,
                        expected: "between \(range.lowerBound) and \(range.upperBound)"
                    )
                }
                configuration[keyPath: keyPath] = converted
            }, render: { String($0[keyPath: keyPath]) })
    }

    /// One of a fixed set of words.
    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ key: String, _ keyPath: any WritableKeyPath<DaemonConfiguration, Choice> & Sendable, reloadable: Bool,
        affectsOutput: Bool = false
    ) -> ConfigurationSetting where Choice.RawValue == String {
        ConfigurationSetting(
            key: key, reloadable: reloadable, affectsOutput: affectsOutput,
            apply: { configuration, value, source throws(ConfigurationError) in
                let words = Choice.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                guard case .string(let text) = value else {
                    throw .wrongType(source: source, key: key, expected: words, found: value.typeName)
                }
                guard let choice = Choice(rawValue: text) else {
                    throw .invalidValue(source: source, key: key, value: value.rendered, expected: words)
                }
                configuration[keyPath: keyPath] = choice
            }, render: { "\"\($0[keyPath: keyPath].rawValue)\"" })
    }
}
