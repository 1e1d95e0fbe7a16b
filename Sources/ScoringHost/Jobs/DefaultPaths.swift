/// Where segmentd's files are when the configuration does not say: relative to the configuration's base directory
/// (`base_dir`: by default the parent of the directory holding `etc/segmentd.toml`; the working directory only when
/// there is no configuration file). The daemon configuration's defaults are the same paths.
package enum DefaultPaths {
    /// The feature pipeline spec; the built-in default is used when this file does not exist.
    package static let pipeline = "etc/pipeline.toml"
    /// The segment archetypes; the built-in default is used when this file does not exist.
    package static let segments = "etc/segments.toml"
    /// The model `score`/`inspect` read and the daemon scores with, unless the configuration's `model` says
    /// otherwise: the registry's champion (`var/models/`, where `train` registers every model).
    package static let model = "registry:champion"
}
