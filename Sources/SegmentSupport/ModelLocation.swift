/// What the configuration's `model` key (and `--model`) names: a pinned model file, or a reference into the model
/// registry (`registry:champion`: an alias, a version, a unique version prefix or a label).
///
/// It lives in the support layer because the daemon's configuration must tell the two apart when it makes paths
/// absolute (a registry reference is not a path), and the daemon does not know what a model is.
package enum ModelLocation: Sendable, Equatable {
    /// A model file, as written (absolute once the configuration is resolved).
    case file(String)
    /// A reference into the registry: what follows `registry:`.
    case registry(reference: String)

    /// The prefix that marks a registry reference.
    package static let registryPrefix = "registry:"

    /// Reads a configured value: `registry:REF` is a reference, anything else a path.
    package init(_ value: String) {
        if value.hasPrefix(Self.registryPrefix) {
            self = .registry(reference: String(value.dropFirst(Self.registryPrefix.count)))
        } else {
            self = .file(value)
        }
    }

    /// True for a registry reference: such a value is not a path and is never made absolute.
    package static func isRegistryReference(_ value: String) -> Bool {
        value.hasPrefix(registryPrefix)
    }
}
