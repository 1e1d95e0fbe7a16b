import Foundation

/// Reads configuration text: an explicit path must exist; the default path may be absent, then the built-in text is
/// used.
enum ConfigText {
    static func read(explicit: String?, defaultPath: String, builtIn: String) throws(JobError) -> (
        text: String, source: String
    ) {
        if let explicit {
            return (try readFile(explicit), explicit)
        }
        guard FileManager.default.fileExists(atPath: defaultPath) else { return (builtIn, "built-in \(defaultPath)") }
        return (try readFile(defaultPath), defaultPath)
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
