import Foundation

/// Reads configuration text: the file at a path, or the built-in text when there is no path. Which path (or none)
/// is decided once, by whoever resolves the configuration (the CLI's `ConfiguredFiles`), never here.
enum ConfigText {
    /// The text at `path`, or `builtIn` (named `built-in <name>` in messages) when `path` is nil.
    static func read(_ path: String?, builtIn: String, name: String) throws(JobError) -> (
        text: String, source: String
    ) {
        guard let path else { return (builtIn, "built-in \(name)") }
        return (try readFile(path), path)
    }

    static func readFile(_ path: String) throws(JobError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JobError.unreadable(path: path, what: "file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw JobError.notUTF8(path: path)
        }
        return text
    }
}
