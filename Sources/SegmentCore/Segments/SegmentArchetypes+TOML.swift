extension SegmentArchetypes {
    /// Reads a configuration from TOML text (the format of `etc/segments.toml`).
    ///
    /// Unknown keys, missing keys, wrong types, priorities other than "high"/"medium"/"low", empty or
    /// contradictory signatures and duplicate archetype names are rejected. Column names are checked
    /// separately by ``validate(knownColumns:)``, once the model's columns are known.
    ///
    /// - Parameters:
    ///   - toml: the document.
    ///   - source: name used in error messages, typically the file name.
    public init(toml: String, source: String = "segments.toml") throws(SegmentsConfigError) {
        self = try SegmentsTOMLReader(text: toml, source: source).read()
    }
}
