import Foundation
package import SegmentCore
package import SegmentSupport

/// The one answer to "which model file": what the configuration's `model` key (or `--model`) names, resolved the
/// same way by the daemon, `serve`, `score`, `inspect` and `validate`.
///
/// `registry:REF` names a version in the registry under the base directory (`<base>/var/models`): an alias such as
/// `champion` (followed without a restart, see ``currentTarget()``), a version, a label or a unique prefix. Anything
/// else is the path of a pinned model file.
package struct ModelSource: Sendable, CustomStringConvertible {
    package let location: ModelLocation
    package let registry: ModelRegistry

    /// - Parameters:
    ///   - value: the configured value: `registry:REF`, or a path (absolute, or relative to `baseDirectory`).
    ///   - baseDirectory: the configuration's base directory: the registry is its `var/models`.
    package init(_ value: String, baseDirectory: String) {
        registry = ModelRegistry(baseDirectory: baseDirectory)
        switch ModelLocation(value) {
        case .file(let path): location = .file(Path.absolute(path, base: baseDirectory))
        case .registry(let reference): location = .registry(reference: reference)
        }
    }

    /// As configured: the path, or `registry:REF`.
    package var description: String {
        switch location {
        case .file(let path): path
        case .registry(let reference): ModelLocation.registryPrefix + reference
        }
    }

    /// The model file it names now.
    /// - Throws: ``JobError`` (78, a missing model: the configuration names nothing loadable) with the registry's
    ///   message when the reference does not resolve.
    package func path() throws -> String {
        switch location {
        case .file(let path):
            return path
        case .registry(let reference):
            do {
                return registry.path(of: try registry.resolve(reference))
            } catch {
                throw JobError.unresolvedModel("model = \"\(description)\": \(error)")
            }
        }
    }

    /// Loads and verifies the model it names now.
    package func load() throws -> SegmentModel {
        let path = try path()
        let model = try ModelFile.load(path: path)
        if case .registry = location, Path.split(path).name != "\(model.modelVersion).json" {
            throw JobError.unresolvedModel(
                "model = \"\(description)\": \(path) holds model_version \(model.modelVersion), not the version its "
                    + "name says; restore it from a copy or register the model again with `segmentd models import`")
        }
        return model
    }

    /// The version it names now, when a promotion can change that (an alias); nil for a pinned file, whose changes
    /// only SIGHUP picks up; nil too for an alias that is not set. One small read of the alias file.
    /// - Throws: ``RegistryError`` when the alias file cannot be read (damaged, unreadable): where the alias points
    ///   is unknown, which is not the same as unset.
    package func currentTarget() throws(RegistryError) -> String? {
        guard case .registry(let reference) = location, ModelRegistry.Alias(rawValue: reference) != nil else {
            return nil
        }
        return try registry.cheapTarget(reference)
    }
}
