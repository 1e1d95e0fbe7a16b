import Foundation
package import SegmentPlugin
import SegmentSupport

/// One built-in plugin as the operator configured it: its type, its file in `plugins.d/` (if any), the host keys,
/// and its own settings laid over its `sample.toml`. Nothing is built yet.
package struct PluginConfigFile: Sendable {
    /// The plugin's type, from the registry.
    package let type: any ActionPlugin.Type
    /// `plugins.d/<name>.toml`, or nil when the operator has no file for it (the plugin is then disabled).
    package let path: String?
    /// `enabled`, `order` and `on_error`.
    package let host: PluginHostSettings
    /// The plugin's settings: the operator's keys (host keys removed) over the sample's.
    package let settings: PluginSettings
    /// SHA-256 (hex) of the plugin's sample and the operator's file: changes whenever the settings can.
    package let settingsSHA256: String

    /// The plugin's name.
    package var name: String { type.descriptor.name }

    /// Whether the plugin is enabled, disabled, or has no settings file.
    package var state: PluginState {
        guard path != nil else { return .notConfigured }
        return host.enabled ? .enabled : .disabled
    }

    /// Reads `plugins.d/*.toml` and pairs each file with a plugin of `available`; plugins without a file are
    /// included too (not configured). Sorted by `order`, then name; the plugins without a file last.
    /// - Returns: the configured plugins and every problem found (unknown file names, bad TOML, bad host keys);
    ///   a file with a problem is left out. A directory that does not exist configures no plugin, unless
    ///   `required` (the configuration names `plugins_dir` itself): then it is a problem, since a mistyped path
    ///   would otherwise switch every plugin off without a word.
    package static func read(directory: String, available: [any ActionPlugin.Type], required: Bool = false) -> (
        [PluginConfigFile], [PluginError]
    ) {
        var problems: [PluginError] = []
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }
                .sorted()
        } catch {
            names = []
            if FileManager.default.fileExists(atPath: directory) {
                problems.append(
                    PluginError(
                        .stateUnavailable, source: directory, problem: "the directory cannot be read",
                        fix: "give segmentd read permission on it or correct plugins_dir"))
            } else if required {
                problems.append(Self.missingDirectory(directory))
            }
        }
        var files: [PluginConfigFile] = []
        var configured: Set<String> = []
        let known = available.map { $0.descriptor.name }
        for name in names {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let stem = String(name.dropLast(".toml".count))
            guard let type = available.first(where: { $0.descriptor.name == stem }) else {
                problems.append(
                    PluginError(
                        .unknownPlugin, source: path, problem: "no built-in plugin is named \"\(stem)\"",
                        fix: known.isEmpty
                            ? "remove the file: this build has no plugins"
                            : "rename the file after one of \(known.joined(separator: ", ")) or remove it"))
                continue
            }
            configured.insert(stem)
            do {
                files.append(try PluginConfigFile(type: type, path: path))
            } catch {
                problems += error.all
            }
        }
        for type in available where !configured.contains(type.descriptor.name) {
            do {
                files.append(try PluginConfigFile(type: type, path: nil))
            } catch {
                problems += error.all
            }
        }
        files.sort {
            ($0.path == nil ? 1 : 0, $0.host.order, $0.name) < ($1.path == nil ? 1 : 0, $1.host.order, $1.name)
        }
        return (files, problems)
    }

    /// The problem of a `plugins_dir` the configuration names but that does not exist.
    package static func missingDirectory(_ directory: String) -> PluginError {
        PluginError(
            .stateUnavailable, source: directory, key: "plugins_dir",
            problem: "the plugins directory does not exist, so no plugin would run",
            fix: "create it (one <plugin>.toml per plugin to configure), correct plugins_dir, or remove the key "
                + "(a missing default directory means no plugins)")
    }

    /// Reads the file at `path` (nil: no file, only the sample) for `type`.
    init(type: any ActionPlugin.Type, path: String?) throws(PluginError) {
        let descriptor = type.descriptor
        let sampleSource = "plugins/\(descriptor.name)/sample.toml"
        let sample = try PluginSettings.parse(descriptor.sampleConfiguration, source: sampleSource)
            .removing(PluginHostSettings.keys)
        var text = ""
        var operatorSettings = PluginSettings(source: path ?? sampleSource)
        if let path {
            guard let data = FileManager.default.contents(atPath: path),
                let decoded = String(data: data, encoding: .utf8)
            else {
                throw PluginError(
                    .stateUnavailable, source: path, problem: "the file cannot be read as UTF-8 text",
                    fix: "check its permissions and encoding")
            }
            text = decoded
            operatorSettings = try PluginSettings.parse(text, source: path)
        }
        self.type = type
        self.path = path
        host = try PluginHostSettings(reading: operatorSettings)
        settings = sample.overlaid(by: operatorSettings.removing(PluginHostSettings.keys))
        settingsSHA256 = FileSHA256.hex(of: Array((descriptor.sampleConfiguration + "\u{0}" + text).utf8))
    }
}

/// Whether a built-in plugin runs.
package enum PluginState: String, Sendable {
    case enabled, disabled
    /// No file in `plugins.d/`: the plugin does not run.
    case notConfigured = "not configured"
}
