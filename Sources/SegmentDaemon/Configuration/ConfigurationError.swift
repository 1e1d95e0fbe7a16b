package import SegmentSupport

/// A configuration that cannot be used: names the file, the line, the key and what to write instead.
package struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case settings, notReloadable
    }

    private let code: Code
    /// Sentences for a person, one line per problem: the file, the line, the key, the problem and the fix.
    package let message: String
    /// Each problem on its own (every key of the file that is wrong, not only the first).
    package let problems: [String]

    private init(_ code: Code, _ message: String, problems: [String]? = nil) {
        self.code = code
        self.message = message
        self.problems = problems ?? [message]
    }

    /// The settings file's problems, as the settings reader words them.
    init(_ error: SettingsError) {
        self.init(.settings, error.description, problems: error.all.map(\.description))
    }

    package var description: String { message }

    static func notReloadable(keys: [String]) -> ConfigurationError {
        ConfigurationError(
            .notReloadable,
            "The new configuration changes \(keys.joined(separator: ", ")), which only take effect on restart; "
                + "the reload was rejected and the running configuration stays. Restart segmentd to apply them."
        )
    }
}

extension ConfigurationError: ExitStatusClassified {
    /// A configuration that cannot be used, or a reload that cannot apply: `EX_CONFIG`.
    package var exitStatus: ExitStatus { .configuration }
}
