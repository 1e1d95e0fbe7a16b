/// The outcome of ``KSelection/choose(ks:inertias:silhouettes:minimumK:)``.
package struct KChoice: Sendable, Equatable, Codable {
    /// The chosen number of clusters.
    package var k: Int
    /// The Kneedle elbow of the inertia curve, or nil when the curve has none.
    package var elbowK: Int?
    /// The k with the highest silhouette among those allowed (k ≥ minimumK), or nil when none has a score.
    package var silhouetteBestK: Int?
    /// One line explaining the choice, for logs and model files.
    package var reason: String

    /// Creates a choice.
    package init(k: Int, elbowK: Int?, silhouetteBestK: Int?, reason: String) {
        self.k = k
        self.elbowK = elbowK
        self.silhouetteBestK = silhouetteBestK
        self.reason = reason
    }
}

/// Chooses the number of clusters from k-means results for several candidate k.
package enum KSelection {
    /// Chooses k by the elbow of the inertia curve, refined by silhouette.
    ///
    /// The rule:
    /// 1. Find the elbow with Kneedle on the inertia curve (see ``elbow(ks:inertias:)``): normalise k and
    ///    inertia to [0, 1], treat the curve as convex and decreasing, form the difference curve
    ///    (1 − inertia′) − k′, and take the k where it is largest.
    /// 2. Among the candidates with k ≥ `minimumK` and elbow − 1 ≤ k ≤ elbow + 1, choose the one with the
    ///    highest silhouette.
    /// 3. If there is no elbow, or no candidate in that window, choose the highest silhouette among all
    ///    candidates with k ≥ `minimumK`.
    ///
    /// Ties go to the smaller k; NaN silhouettes never win. If no candidate with k ≥ `minimumK` has a
    /// silhouette, the highest silhouette over all candidates is taken, and if none has one, the elbow (or
    /// else the smallest k ≥ `minimumK`, or else the smallest k).
    ///
    /// - Precondition: `ks` is not empty, holds distinct values, and all three arrays have the same length.
    package static func choose(ks: [Int], inertias: [Double], silhouettes: [Double], minimumK: Int) -> KChoice {
        precondition(!ks.isEmpty, "Need at least one candidate k")
        precondition(ks.count == inertias.count && ks.count == silhouettes.count, "One inertia and silhouette per k")
        precondition(Set(ks).count == ks.count, "Candidate ks must be distinct")
        let scores = Dictionary(uniqueKeysWithValues: zip(ks, silhouettes))
        let allowed = ks.filter { $0 >= minimumK }
        let elbow = elbow(ks: ks, inertias: inertias)
        let best = bestSilhouette(among: allowed, scores: scores)

        if let elbow {
            let window = allowed.filter { abs($0 - elbow) <= 1 }
            if let chosen = bestSilhouette(among: window, scores: scores) {
                return KChoice(
                    k: chosen, elbowK: elbow, silhouetteBestK: best,
                    reason: "Kneedle elbow of inertia at k=\(elbow); highest silhouette among k ≥ \(minimumK) "
                        + "within elbow ± 1 (\(list(window))) is k=\(chosen) (\(format(scores[chosen])))"
                )
            }
        }
        let why =
            elbow.map { "no k ≥ \(minimumK) within 1 of the Kneedle elbow k=\($0)" }
            ?? "no Kneedle elbow in inertia"
        if let best {
            return KChoice(
                k: best, elbowK: elbow, silhouetteBestK: best,
                reason: "\(why); highest silhouette among k ≥ \(minimumK) is k=\(best) (\(format(scores[best])))"
            )
        }
        if let anyBest = bestSilhouette(among: ks, scores: scores) {
            return KChoice(
                k: anyBest, elbowK: elbow, silhouetteBestK: nil,
                reason: "\(why) and no silhouette for k ≥ \(minimumK); highest silhouette overall is k=\(anyBest)"
            )
        }
        let fallback = elbow ?? allowed.min() ?? ks.min() ?? minimumK
        return KChoice(
            k: fallback, elbowK: elbow, silhouetteBestK: nil,
            reason: "no silhouette scores; chose k=\(fallback) by "
                + (elbow == nil ? "the smallest allowed k" : "the elbow")
        )
    }

    /// The Kneedle elbow of a decreasing, convex inertia curve, or nil when there is none.
    ///
    /// Points are sorted by k; k and inertia are normalised to [0, 1] by their minimum and maximum; the
    /// difference curve is (1 − inertia′) − k′ (the height of the flipped curve above the diagonal), and
    /// the elbow is the k where it is largest (the smaller k on ties). There is no elbow with fewer than
    /// three points, when inertia is constant or not finite, or when the largest difference is at most 1e-9
    /// (no point lies clearly below the straight line between the extremes).
    package static func elbow(ks: [Int], inertias: [Double]) -> Int? {
        precondition(ks.count == inertias.count, "One inertia per k")
        let points = zip(ks, inertias).sorted { $0.0 < $1.0 }
        guard points.count >= 3, let first = points.first, let last = points.last, last.0 > first.0,
            inertias.allSatisfy(\.isFinite),
            let lowest = inertias.min(), let highest = inertias.max(), highest > lowest
        else { return nil }
        var elbow: Int?
        var largest = 1e-9
        for (k, inertia) in points {
            let x = Double(k - first.0) / Double(last.0 - first.0)
            let y = (inertia - lowest) / (highest - lowest)
            let difference = (1 - y) - x
            if difference > largest {
                largest = difference
                elbow = k
            }
        }
        return elbow
    }

    /// The k in `candidates` with the highest non-NaN silhouette (the smaller k on ties).
    private static func bestSilhouette(among candidates: [Int], scores: [Int: Double]) -> Int? {
        var best: (k: Int, score: Double)?
        for k in candidates.sorted() {
            guard let score = scores[k], !score.isNaN else { continue }
            if best.map({ score > $0.score }) ?? true { best = (k, score) }
        }
        return best?.k
    }

    private static func list(_ ks: [Int]) -> String {
        ks.sorted().map(String.init).joined(separator: ", ")
    }

    private static func format(_ score: Double?) -> String {
        guard let score else { return "no score" }
        return "silhouette \((score * 10000).rounded() / 10000)"
    }
}
