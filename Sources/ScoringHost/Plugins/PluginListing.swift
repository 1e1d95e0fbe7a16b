package import SegmentPlugin

/// What `segmentd plugins` shows: every built-in plugin with its version, state, order, settings file and
/// summary, and the problems found in `plugins_dir`.
package struct PluginListing: Sendable {
    /// One built-in plugin.
    package struct Row: Sendable, Equatable {
        package var name: String
        package var version: String
        package var state: PluginState
        package var order: Int
        /// The settings file, or `-` when there is none.
        package var file: String
        package var summary: String
    }

    /// The plugins, in the order they would run (then the ones without a file).
    package let rows: [Row]
    /// Problems in the settings files (a file with a problem is not in `rows`).
    package let problems: [PluginError]

    /// Reads `pluginsDirectory` (`plugins_dir`) for the plugins of `available`; builds nothing.
    package init(pluginsDirectory: String, available: [any ActionPlugin.Type], required: Bool = false) {
        let (files, problems) = PluginConfigFile.read(
            directory: pluginsDirectory, available: available, required: required)
        rows = files.map { file in
            let descriptor = file.type.descriptor
            return Row(
                name: descriptor.name, version: descriptor.version, state: file.state, order: file.host.order,
                file: file.path ?? "-", summary: descriptor.summary)
        }
        self.problems = problems
    }

    /// The rows as an aligned text table with a header line.
    package var text: String {
        let table =
            [["PLUGIN", "VERSION", "STATE", "ORDER", "SETTINGS", "SUMMARY"]]
            + rows.map { [$0.name, $0.version, $0.state.rawValue, String($0.order), $0.file, $0.summary] }
        let widths = (0..<5).map { column in table.map { $0[column].count }.max() ?? 0 }
        return table.map { cells in
            (0..<5).map { cells[$0].padding(toLength: widths[$0]) }.joined(separator: "  ") + "  " + cells[5]
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        self + String(repeating: " ", count: max(0, length - count))
    }
}
