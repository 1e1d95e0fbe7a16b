import SegmentSupport

extension SegmentArchetypes {
    /// Checks that every signature names only columns the model profiles.
    ///
    /// - Parameters:
    ///   - knownColumns: the profiled column names.
    ///   - source: name used in error messages, typically the file name.
    /// - Throws: ``SegmentsConfigError`` with code `unknownColumn`, naming the first unknown column, its archetype,
    ///   and the closest known column when one is similar.
    package func validate(knownColumns: [String], source: String = "segments.toml") throws(SegmentsConfigError) {
        let known = Set(knownColumns)
        for (index, archetype) in archetypes.enumerated() {
            for (list, columns) in [("high", archetype.signature.high), ("low", archetype.signature.low)] {
                guard let unknown = columns.first(where: { !known.contains($0) }) else { continue }
                let hint = Self.closest(to: unknown, among: knownColumns).map { " Did you mean '\($0)'?" } ?? ""
                throw SegmentsConfigError(
                    .unknownColumn, source: source, keyPath: "archetype[\(index)].signature.\(list)",
                    message: "archetype \"\(archetype.name)\" lists unknown column '\(unknown)' in signature '\(list)'."
                        + "\(hint) Known columns: \(knownColumns.joined(separator: ", ")).")
            }
        }
    }

    /// The known column nearest to `name` by case-insensitive edit distance, if it is close enough to be a typo:
    /// upper-cased UTF-8 bytes, within `max(2, bytes / 4)` edits.
    private static func closest(to name: String, among candidates: [String]) -> String? {
        let maxDistance = max(2, name.uppercased().utf8.count / 4)
        return NameSuggestion.closest(to: name, among: candidates, maxDistance: maxDistance) {
            Array($0.uppercased().utf8)
        }
    }
}
