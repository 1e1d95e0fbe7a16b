/// "Did you mean …?" suggestions for misspelt keys, column and function names.
package enum NameSuggestion {
    /// The candidate closest to `name` by case-insensitive edit distance over characters, if it is within
    /// `max(2, length / 3)` edits and so a likely typo. The pipeline spec, expressions and feature names use this.
    package static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        return closest(to: target, among: candidates, maxDistance: max(2, target.count / 3)) { Array($0.lowercased()) }
    }

    /// The candidate closest to `name` when both are compared as `units(…)`, if at most `maxDistance` edits away.
    ///
    /// Of equally close candidates the first wins, so the order of `candidates` decides ties.
    package static func closest<Unit: Equatable>(
        to name: String, among candidates: [String], maxDistance: Int, units: (String) -> [Unit]
    ) -> String? {
        closest(to: units(name), among: candidates, maxDistance: maxDistance, units: units)
    }

    private static func closest<Unit: Equatable>(
        to target: [Unit], among candidates: [String], maxDistance: Int, units: (String) -> [Unit]
    ) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = EditDistance.levenshtein(target, units(candidate))
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= maxDistance else { return nil }
        return best.name
    }
}
