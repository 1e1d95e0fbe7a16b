/// Gives segments archetype names by an optimal one-to-one matching of profiles to archetype signatures.
package enum SegmentNamer {
    /// Names every profiled segment.
    ///
    /// Each (segment, archetype) pair is scored with ``score(profile:signature:)``; the Hungarian algorithm then
    /// picks the one-to-one assignment with the highest total score. With more non-empty segments than archetypes,
    /// the segments left over take the fallback name; with fewer, some archetypes go unused. Empty segments always
    /// take the fallback name. Ties go to the lower segment and archetype indices, so the result is deterministic.
    ///
    /// - Returns: one name per profile, in profile order.
    package static func assign(profiles: [SegmentProfile], archetypes: SegmentArchetypes) -> [SegmentName] {
        let candidates = profiles.indices.filter { profiles[$0].size > 0 }
        let signatures = archetypes.archetypes.map(\.signature)
        var scores = [Double]()
        scores.reserveCapacity(candidates.count * signatures.count)
        for candidate in candidates {
            for signature in signatures {
                scores.append(score(profile: profiles[candidate], signature: signature))
            }
        }
        let choice = Hungarian.minimumCostAssignment(
            cost: scores.map { -$0 }, rows: candidates.count, columns: signatures.count)
        var names = profiles.map { profile in
            SegmentName(
                segment: profile.id, archetype: archetypes.fallback.name(forSegment: profile.id), score: 0,
                isFallback: true)
        }
        for (row, candidate) in candidates.enumerated() where choice[row] >= 0 {
            let column = choice[row]
            names[candidate] = SegmentName(
                segment: profiles[candidate].id, archetype: archetypes.archetypes[column].name,
                score: scores[row * signatures.count + column])
        }
        return names
    }

    /// How well a segment fits a signature: the mean of the standardised differences of the `high` columns and the
    /// negated standardised differences of the `low` columns. Columns the profile lacks are skipped; 0 when none
    /// is present.
    package static func score(profile: SegmentProfile, signature: Archetype.Signature) -> Double {
        var differences: [String: Double] = [:]
        for feature in profile.features {
            differences[feature.name] = feature.standardizedDifference
        }
        var total = 0.0
        var used = 0
        for column in signature.high {
            guard let difference = differences[column] else { continue }
            total += difference
            used += 1
        }
        for column in signature.low {
            guard let difference = differences[column] else { continue }
            total -= difference
            used += 1
        }
        return used == 0 ? 0 : total / Double(used)
    }
}
