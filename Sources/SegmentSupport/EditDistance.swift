/// Levenshtein distance, the measure behind every "did you mean …?" in segmentd's error messages.
package enum EditDistance {
    /// The number of single-unit insertions, deletions and substitutions that turn `first` into `second`.
    ///
    /// Generic over the unit so each caller keeps its comparison: UTF-8 bytes, case-folded bytes or characters.
    package static func levenshtein<Unit: Equatable>(_ first: [Unit], _ second: [Unit]) -> Int {
        guard !first.isEmpty else { return second.count }
        guard !second.isEmpty else { return first.count }
        var previous = Array(0...second.count)
        var current = [Int](repeating: 0, count: second.count + 1)
        for i in 1...first.count {
            current[0] = i
            for j in 1...second.count {
                let substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[second.count]
    }
}
