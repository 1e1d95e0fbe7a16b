import Foundation
import SegmentSupport

/// How a person names a version: an alias, the whole version, its label, or a unique prefix of the version.
extension ModelRegistry {
    /// The version `reference` names, tried in this order: an alias (`champion`, `challenger`, `previous`), a whole
    /// version, a label (`train --label`), a unique prefix of a version (with or without `m-`).
    /// - Throws: ``RegistryError``: an unset alias or an unknown reference (66), a label or prefix shared by several
    ///   versions (64), an alias file that cannot be read (78).
    package func resolve(_ reference: String) throws(RegistryError) -> String {
        if let alias = Alias(rawValue: reference) {
            guard let version = try readAliases()[alias] else {
                throw RegistryError.aliasNotSet(alias.rawValue, directory: directory)
            }
            return version
        }
        let versions = versions()
        if versions.contains(reference) { return reference }
        let labelled = versions.filter { label(of: $0) == reference }
        if labelled.count == 1 { return labelled[0] }
        if labelled.count > 1 { throw RegistryError.ambiguous(reference, candidates: labelled, directory: directory) }
        let prefixed =
            reference.isEmpty ? [] : versions.filter { $0.hasPrefix(reference) || $0.hasPrefix("m-" + reference) }
        if prefixed.count == 1 { return prefixed[0] }
        if prefixed.count > 1 { throw RegistryError.ambiguous(reference, candidates: prefixed, directory: directory) }
        let names = Alias.allCases.map(\.rawValue) + versions + versions.compactMap { label(of: $0) }
        throw RegistryError.unknownReference(
            reference, directory: directory, suggestion: NameSuggestion.closest(to: reference, among: names))
    }

    /// The version `reference` names now when that is cheap to learn (an alias: one read of the alias file; a whole
    /// version: itself), else nil. What the daemon and the server compare with the running model before each file
    /// and request; a reference by label or prefix does not move, so it is not followed.
    /// - Throws: ``RegistryError`` when the alias file cannot be read: the caller cannot tell where the alias points
    ///   and must say so, not take it for an unset alias.
    package func cheapTarget(_ reference: String) throws(RegistryError) -> String? {
        if let alias = Alias(rawValue: reference) { return try readAliases()[alias] }
        return reference.hasPrefix("m-") && FileManager.default.fileExists(atPath: path(of: reference))
            ? reference : nil
    }

    /// The label stored in version `version`'s file, read without decoding the whole model.
    package func label(of version: String) -> String? {
        lineageFields(of: version)?.label
    }

    /// The parent (`train --previous`) stored in version `version`'s file; nil without one or without the file.
    package func parent(of version: String) -> String? {
        lineageFields(of: version)?.parent
    }

    private func lineageFields(of version: String) -> LineageProbe? {
        guard let data = FileManager.default.contents(atPath: path(of: version)) else { return nil }
        return try? JSONDecoder().decode(LineageProbe.self, from: data)
    }

    private struct LineageProbe: Decodable {
        var label: String?
        var parent: String?
    }

    /// The first version of `version`'s lineage: its `parent`, that one's parent and so on, as far as the registry
    /// holds them (a parent that is not registered ends the walk and is the answer). Two models with the same root
    /// were matched to one another through `--previous`, so their segment ids are comparable: the migration monitor
    /// reports a customer's move only between those.
    package func lineageRoot(version: String, parent: String?) -> String {
        var root = version
        var next = parent
        var visited: Set<String> = [version]
        while let current = next, visited.insert(current).inserted {
            root = current
            next = self.parent(of: current)
        }
        return root
    }
}
