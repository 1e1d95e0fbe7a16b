extension PluginSettings {
    /// The keys of table `key` in a plugin's sample text, such as the segment names it ships settings for;
    /// empty when the sample has no such table.
    public static func tableKeys(_ key: String, inSample text: String) -> Set<String> {
        guard let sample = try? PluginSettings.parse(text, source: "sample.toml"),
            let table = try? sample.table(key)
        else { return [] }
        return Set(table.keys)
    }

    /// Throws for a key of this table that names no segment of the model in `context`, unless it is in `shipped`
    /// (the plugin's sample configures it, and a model with fewer segments simply never uses it) or no model is
    /// known (`segmentNames` empty, as when only validating settings).
    public func rejectUnknownSegments(of context: PluginContext, allowing shipped: Set<String>) throws(PluginError) {
        guard !context.segmentNames.isEmpty else { return }
        let known = Set(context.segmentNames)
        for name in keys where !known.contains(name) && !shipped.contains(name) {
            throw invalidValue(
                name,
                problem: "\"\(name)\" is not a segment of the model (its segments: "
                    + context.segmentNames.joined(separator: ", ") + ")",
                fix: "correct the segment name or remove its table")
        }
    }
}
