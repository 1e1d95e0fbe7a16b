import Logging

/// One plugin a processor runs, as the start-up and reload log lines name it.
package struct EnabledPlugin: Sendable, Equatable {
    /// The plugin's name.
    package var name: String
    /// Its version.
    package var version: String
    /// Its `order` (plugins run in ascending order).
    package var order: Int
    /// SHA-256 of its settings (sample and operator file): a reload compares it to tell a changed plugin.
    package var settingsSHA256: String

    /// Describes one plugin.
    package init(name: String, version: String, order: Int, settingsSHA256: String) {
        self.name = name
        self.version = version
        self.order = order
        self.settingsSHA256 = settingsSHA256
    }

    /// `{name, version, order}` for a log line.
    var metadata: Logger.MetadataValue {
        .dictionary(["name": .string(name), "version": .string(version), "order": .stringConvertible(order)])
    }
}
