/// Where segmentd looks for its files when no path is given, relative to the working directory.
package enum DefaultPaths {
    /// The feature pipeline spec; the built-in default is used when this file does not exist.
    package static let pipeline = "etc/pipeline.toml"
    /// The segment archetypes; the built-in default is used when this file does not exist.
    package static let segments = "etc/segments.toml"
    /// The model `train` writes and `score`/`inspect` read.
    package static let model = "var/model.json"
}
