import Foundation
package import SegmentSupport

extension DaemonConfiguration {
    /// Reads and decodes the TOML file at `path`, with every relative path resolved against the base directory
    /// (see ``resolvingPaths(configurationFile:workingDirectory:)``). Keys it does not set keep their defaults.
    /// - Throws: ``ConfigurationError`` listing every problem of the file (all keys, not only the first).
    package static func load(path: String) throws(ConfigurationError) -> DaemonConfiguration {
        let (configuration, problems) = read(path: path)
        if let error = SettingsError.combining(problems) { throw ConfigurationError(error) }
        return configuration
    }

    /// Reads the file at `path` as far as it can: the configuration of the keys that decoded (the others keep
    /// their defaults), resolved like ``load(path:)``, and every problem found. `segmentd validate` goes on to
    /// check directories and the model with it, so one run reports everything.
    package static func read(path: String) -> (configuration: DaemonConfiguration, problems: [SettingsError]) {
        var configuration = DaemonConfiguration()
        var problems: [SettingsError] = []
        do throws(SettingsError) {
            (configuration, problems) = decode(try SettingsTable.load(path: path))
        } catch {
            problems = [error]
        }
        let resolved = configuration.resolvingPaths(
            configurationFile: path, workingDirectory: FileManager.default.currentDirectoryPath)
        return (resolved, problems)
    }

    /// Decodes TOML text; `source` names it in error messages. Unknown keys are rejected. Paths stay as written.
    package init(tomlText: String, source: String) throws(ConfigurationError) {
        do throws(SettingsError) {
            try self.init(reading: SettingsTable.parse(tomlText, file: source))
        } catch {
            throw ConfigurationError(error)
        }
    }

    /// Applies every key of ``settings`` that `table` sets, then rejects the keys segmentd does not know; the
    /// error thrown carries every problem of the table.
    init(reading table: SettingsTable) throws(SettingsError) {
        let (configuration, problems) = Self.decode(table)
        if let error = SettingsError.combining(problems) { throw error }
        self = configuration
    }

    /// Every key of `table` applied that can be, and every problem (bad values and unknown keys) by line.
    private static func decode(_ table: SettingsTable) -> (DaemonConfiguration, [SettingsError]) {
        var configuration = DaemonConfiguration()
        var problems: [SettingsError] = []
        for setting in settings {
            do throws(SettingsError) {
                try setting.apply(&configuration, table)
                if table.contains(setting.key) { configuration.keysSet.insert(setting.key) }
            } catch {
                problems.append(error)
            }
        }
        problems += table.unreadKeyErrors()
        let ordered = problems.enumerated().sorted {
            ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
        }
        return (configuration, ordered.map(\.element))
    }
}
