import SegmentPlugin

/// Collects the artifact lines a session writes, by suffix, instead of publishing files.
final class MemoryArtifactWriter: PluginArtifactWriter {
    private(set) var lines: [String: [String]] = [:]

    func appendLine(_ line: String, to suffix: String) throws(PluginError) {
        lines[suffix, default: []].append(line)
    }

    /// The content the host would publish for `suffix`: every line followed by a line feed.
    func content(of suffix: String) -> String? {
        lines[suffix].map { $0.map { $0 + "\n" }.joined() }
    }
}
