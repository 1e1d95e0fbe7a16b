package import SegmentPlugin

/// The keys of `etc/plugins.d/<name>.toml` that the host reads itself: whether the plugin runs, where, and what
/// a failure does. Everything else in the file belongs to the plugin.
package struct PluginHostSettings: Sendable, Equatable {
    /// What a failed row or a thrown batch does (`on_error`).
    package enum OnError: String, Sendable, CaseIterable {
        /// The rows go to the rejects file with the plugin's name and message; the file carries on.
        case rejectRows = "reject_rows"
        /// The whole file fails and goes to the failed directory.
        case failFile = "fail_file"
    }

    /// The host's keys, removed before the rest is handed to the plugin.
    package static let keys = ["enabled", "order", "on_error"]

    /// Whether the plugin runs (`enabled`, default false).
    package var enabled = false
    /// Plugins run in ascending `order` (default 100), ties by name.
    package var order = 100
    /// `on_error`, default `reject_rows`.
    package var onError = OnError.rejectRows

    /// The defaults: disabled, order 100, rows rejected.
    package init() {}

    /// Reads the host keys of one settings file; absent keys keep their defaults.
    /// - Throws: `PluginError` naming the file, the key and the expected type or values — every wrong host key of
    ///   the file in one error, so `validate` lists them all in one run.
    package init(reading settings: PluginSettings) throws(PluginError) {
        var problems: [PluginError] = []
        func read(_ body: () throws(PluginError) -> Void) {
            do { try body() } catch { problems.append(error) }
        }
        read { () throws(PluginError) in if let enabled = try settings.boolean("enabled") { self.enabled = enabled } }
        read { () throws(PluginError) in if let order = try settings.integer("order") { self.order = order } }
        read { () throws(PluginError) in
            guard let word = try settings.string("on_error") else { return }
            guard let onError = OnError(rawValue: word) else {
                let words = OnError.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw settings.invalidValue(
                    "on_error", problem: "on_error = \"\(word)\" is not a policy",
                    fix: "write on_error = \(words)")
            }
            self.onError = onError
        }
        if let error = PluginError.combining(problems) { throw error }
    }
}
