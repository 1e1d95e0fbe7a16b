/// Where segmentd looks for its files when no path is given, relative to the working directory.
public enum DefaultPaths {
    /// The feature pipeline spec; the built-in default is used when this file does not exist.
    public static let pipeline = "etc/pipeline.toml"
    /// The segment archetypes; the built-in default is used when this file does not exist.
    public static let segments = "etc/segments.toml"
    /// The model `train` writes and `score`/`inspect` read.
    public static let model = "var/model.json"
}
