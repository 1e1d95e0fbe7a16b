package import SegmentCore
import SegmentSupport

/// What `segmentd models list`, `import` and `diff` read from the registry.
extension ModelRegistry {
    /// One registered version.
    package struct Entry: Sendable {
        package var version: String
        /// The verified model; nil when its file cannot be used (`problem` says why).
        package var model: SegmentModel?
        package var problem: String?
        /// The aliases naming this version, in ``Alias`` order.
        package var aliases: [Alias]
    }

    /// Every version with its model and aliases, oldest first (by `created_at`, then version).
    package func entries() throws(RegistryError) -> [Entry] {
        let aliases = try readAliases()
        let entries = versions().map { version in
            let named = Alias.allCases.filter { aliases[$0] == version }
            do {
                return Entry(version: version, model: try model(version), problem: nil, aliases: named)
            } catch {
                return Entry(version: version, model: nil, problem: "\(error)", aliases: named)
            }
        }
        return entries.sorted { ($0.model?.createdAt ?? "", $0.version) < ($1.model?.createdAt ?? "", $1.version) }
    }

    /// Loads the version `reference` names (``resolve(_:)``).
    package func model(named reference: String) throws -> SegmentModel {
        try model(try resolve(reference))
    }

    /// Verifies the model file at `path` (format, checksum, consistency, a scorer can be built from it) and copies
    /// it in as its version, unless that version is registered already.
    /// - Throws: ``RegistryError``: 66 when the file is missing, 65 when it is not a usable model.
    package func importModel(at path: String) throws -> Registration {
        guard (try? Syscall.statusFollowingLinks(path))?.kind == .regular else {
            throw RegistryError.missingFile(path)
        }
        let model: SegmentModel
        do {
            model = try ModelFile.load(path: path)
            _ = try SegmentScorer(model: model)
        } catch {
            throw RegistryError.badModelFile(path, detail: "\(error)")
        }
        return try register(model)
    }

    /// Segment by segment, how version `first` maps onto version `second` (``SegmentModel/correspondence(to:)``).
    package func diff(_ first: SegmentModel, _ second: SegmentModel) throws(RegistryError) -> [SegmentCorrespondence] {
        guard let matches = first.correspondence(to: second) else {
            throw RegistryError.incomparable(first.modelVersion, second.modelVersion)
        }
        return matches
    }
}
