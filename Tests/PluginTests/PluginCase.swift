import Foundation

/// One `plugins/<plugin>/testcases/<case>/` directory.
struct PluginCase: Sendable, CustomStringConvertible {
    /// The plugin folder's name, which is the plugin's `descriptor.name`.
    let plugin: String
    /// The case folder's name.
    let name: String
    /// The case folder.
    let directory: URL

    var description: String { "\(plugin)/\(name)" }

    /// Path of the case folder from the package root, e.g. `plugins/pricing/testcases/caps`.
    var label: String { "plugins/\(plugin)/testcases/\(name)" }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The folders under `plugins/`, sorted.
    static func pluginFolders() -> [String] {
        subdirectories(of: packageRoot.appendingPathComponent("plugins"))
    }

    /// Every case of every plugin folder, sorted by plugin then case.
    static func all() -> [PluginCase] {
        pluginFolders().flatMap { plugin in
            let testcases = packageRoot.appendingPathComponent("plugins/\(plugin)/testcases")
            return subdirectories(of: testcases).map {
                PluginCase(plugin: plugin, name: $0, directory: testcases.appendingPathComponent($0))
            }
        }
    }

    /// The directories to run in order: `step1`, `step2`, … (by number) when the case has them, else the case
    /// folder itself.
    func runDirectories() -> [(label: String, directory: URL)] {
        let steps = Self.subdirectories(of: directory)
            .compactMap { name in name.hasPrefix("step") ? Int(name.dropFirst(4)).map { (name, $0) } : nil }
            .sorted { $0.1 < $1.1 }
        guard !steps.isEmpty else { return [(label, directory)] }
        return steps.map { ("\(label)/\($0.0)", directory.appendingPathComponent($0.0)) }
    }

    /// The text of `file` in this case's folder, nil when it does not exist.
    func text(_ file: String) -> String? {
        try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    static func subdirectories(of directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: directory.appendingPathComponent(name).path,
                isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }
}
