extension SegmentArchetypes {
    /// Checks that every signature names only columns the model profiles.
    ///
    /// - Parameters:
    ///   - knownColumns: the profiled column names.
    ///   - source: name used in error messages, typically the file name.
    /// - Throws: ``SegmentsConfigError`` with code `unknownColumn`, naming the first unknown column, its archetype,
    ///   and the closest known column when one is similar.
    public func validate(knownColumns: [String], source: String = "segments.toml") throws(SegmentsConfigError) {
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

    /// The known column nearest to `name` by case-insensitive edit distance, if it is close enough to be a typo.
    private static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.uppercased().utf8)
        let scored = candidates.map { candidate in
            (candidate, editDistance(target, Array(candidate.uppercased().utf8)))
        }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, target.count / 4) ? best.0 : nil
    }

    private static func editDistance(_ left: [UInt8], _ right: [UInt8]) -> Int {
        var previous = Array(0...right.count)
        var current = previous
        for (leftIndex, leftByte) in left.enumerated() {
            current[0] = leftIndex + 1
            for (rightIndex, rightByte) in right.enumerated() {
                let substitution = previous[rightIndex] + (leftByte == rightByte ? 0 : 1)
                current[rightIndex + 1] = min(substitution, previous[rightIndex + 1] + 1, current[rightIndex] + 1)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
