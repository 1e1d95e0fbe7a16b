import Foundation
import SegmentIO
package import SegmentPlugin
package import SegmentSupport

/// The plugins of one configuration, decoded and built once per (re)load: every built-in plugin with its state,
/// and the enabled ones built, in the order they run.
package struct PluginSet: Sendable {
    /// One enabled, built plugin.
    package struct Member: Sendable {
        /// How it was configured.
        package let configuration: PluginConfigFile
        /// The built plugin.
        package let plugin: any ActionPlugin
    }

    /// Every built-in plugin, configured or not, by `order` then name.
    package let files: [PluginConfigFile]
    /// The enabled plugins, built, in the order they run.
    package let members: [Member]

    /// No plugin at all.
    package static let empty = PluginSet(files: [], members: [])

    private init(files: [PluginConfigFile], members: [Member]) {
        self.files = files
        self.members = members
    }

    /// Reads `directory` and builds the enabled plugins as the other `load` does, with one context for every plugin.
    package static func load(
        directory: String, available: [any ActionPlugin.Type], context: PluginContext, required: Bool = false
    ) throws(PluginSetError) -> PluginSet {
        try load(directory: directory, available: available, context: { _ in context }, required: required)
    }

    /// Reads `directory` (`plugins_dir`), and builds each enabled plugin of `available` with its settings and the
    /// context `context` makes for its name (the host's log then names the plugin in each of its lines).
    /// A directory that does not exist configures no plugin, unless `required` (then it is a problem).
    /// - Throws: `PluginSetError` listing every problem: unknown files, bad TOML, host keys or plugin settings
    ///   (naming file, key and expected type), and column names used twice.
    package static func load(
        directory: String, available: [any ActionPlugin.Type],
        context: (_ plugin: String) -> PluginContext, required: Bool = false
    ) throws(PluginSetError) -> PluginSet {
        let (files, fileProblems) = PluginConfigFile.read(
            directory: directory, available: available, required: required)
        var problems = fileProblems
        var members: [Member] = []
        var columns: [String: String] = Dictionary(
            uniqueKeysWithValues: FileScorer.scoringColumns.map { ($0, "the scorer") })
        for file in files where file.state == .enabled {
            do {
                let plugin = try file.type.configured(settings: file.settings, context: context(file.name))
                for column in plugin.outputColumns {
                    if let owner = columns[column] {
                        problems.append(
                            PluginError(
                                .invalidValue, source: file.path ?? file.name,
                                problem:
                                    "plugin \(file.name) adds the column \"\(column)\", which \(owner) already writes",
                                fix:
                                    "enable only one of the two, or rename the column in its settings if it "
                                    + "has such a setting"
                            ))
                    }
                    columns[column] = "plugin \(file.name)"
                }
                members.append(Member(configuration: file, plugin: plugin))
            } catch {
                problems += error.all
            }
        }
        guard problems.isEmpty else { throw PluginSetError(problems: problems) }
        return PluginSet(files: files, members: members)
    }

    /// This set with only the enabled plugins `keep` accepts (the ones that may run over HTTP); `files` unchanged.
    package func keeping(_ keep: (Member) -> Bool) -> PluginSet {
        PluginSet(files: files, members: members.filter(keep))
    }

    /// The enabled plugins as the scorer runs them.
    package var scoringPlugins: [ScoringPlugin] {
        members.map { ScoringPlugin(plugin: $0.plugin, failsFile: $0.configuration.host.onError == .failFile) }
    }

    /// A digest of what the enabled plugins are (name, version, policy, settings) in order; nil when none is
    /// enabled. It enters the manifests' `config_sha256`.
    package var fingerprint: String? {
        guard !members.isEmpty else { return nil }
        let text: String = members.map { member in
            let file = member.configuration
            return "\(file.name) \(file.type.descriptor.version) \(file.host.onError.rawValue) \(file.settingsSHA256)\n"
        }.joined()
        return FileSHA256.hex(of: Array(text.utf8))
    }

    /// The outcomes of the enabled plugins for one file, each with its settings' digest (for the manifest).
    func outcomes(for outcomes: [PluginOutcome]) -> [PluginOutcome] {
        zip(members, outcomes).map { member, outcome in
            var outcome = outcome
            outcome.settingsSHA256 = member.configuration.settingsSHA256
            return outcome
        }
    }
}

/// Everything wrong with the plugin configuration, every problem at once.
package struct PluginSetError: Error, Sendable, CustomStringConvertible {
    /// The problems, each naming its file and key.
    package let problems: [PluginError]

    package var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

extension PluginSetError: ExitStatusClassified {
    /// The plugin settings are configuration: `EX_CONFIG`.
    package var exitStatus: ExitStatus { .configuration }
}
