/// A fitted principal component analysis: the centring vector, the kept components, and the variance
/// every component explains.
///
/// Create one with ``fit(_:selection:)``; project rows with ``project(_:)`` or, allocation-free, with
/// ``project(row:into:)``.
package struct PrincipalComponents: Sendable, Equatable {
    /// Mean of every input feature, subtracted before projecting.
    package let mean: [Double]
    /// Kept components, one unit eigenvector per row (`keptCount` × features), largest variance first.
    /// In each row the loading of largest magnitude is positive.
    package let components: Matrix
    /// Variance along every component (not only the kept ones), descending; eigenvalues of the sample
    /// covariance (divided by n − 1), with tiny negative rounding clamped to 0.
    package let explainedVariance: [Double]
    /// `explainedVariance` divided by its total, for every component.
    package let explainedVarianceRatio: [Double]
    /// Number of kept components (rows of `components`).
    package let keptCount: Int

    /// Assembles a fitted PCA, e.g. from a model file.
    ///
    /// - Precondition: `components` is `keptCount` × `mean.count`, and both variance arrays have the
    ///   same length of at least `keptCount`.
    package init(
        mean: [Double],
        components: Matrix,
        explainedVariance: [Double],
        explainedVarianceRatio: [Double],
        keptCount: Int
    ) {
        precondition(
            Self.inconsistency(
                features: mean.count, components: components, varianceCount: explainedVariance.count,
                ratioCount: explainedVarianceRatio.count, keptCount: keptCount
            ) == nil,
            "Inconsistent PrincipalComponents dimensions"
        )
        self.mean = mean
        self.components = components
        self.explainedVariance = explainedVariance
        self.explainedVarianceRatio = explainedVarianceRatio
        self.keptCount = keptCount
    }

    /// Number of input features.
    package var featureCount: Int { mean.count }

    /// A description of what does not fit together, or nil when the dimensions are consistent.
    static func inconsistency(
        features: Int, components: Matrix, varianceCount: Int, ratioCount: Int, keptCount: Int
    ) -> String? {
        if features < 1 {
            return "there are no features"
        }
        if components.columns != features {
            return "components have \(components.columns) columns but mean has \(features) features"
        }
        if components.rows != keptCount {
            return "components have \(components.rows) rows but keptCount is \(keptCount)"
        }
        if varianceCount != ratioCount {
            return "explainedVariance has \(varianceCount) entries but explainedVarianceRatio has \(ratioCount)"
        }
        if keptCount < 1 || keptCount > varianceCount {
            return "keptCount \(keptCount) is outside 1...\(varianceCount)"
        }
        return nil
    }
}

extension PrincipalComponents: Codable {
    private enum CodingKeys: String, CodingKey {
        case mean, components, explainedVariance, explainedVarianceRatio, keptCount
    }

    /// Decodes a fitted PCA and checks that its parts fit together.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let mean = try container.decode([Double].self, forKey: .mean)
        let components = try container.decode(Matrix.self, forKey: .components)
        let variance = try container.decode([Double].self, forKey: .explainedVariance)
        let ratio = try container.decode([Double].self, forKey: .explainedVarianceRatio)
        let keptCount = try container.decode(Int.self, forKey: .keptCount)
        if let problem = Self.inconsistency(
            features: mean.count, components: components, varianceCount: variance.count,
            ratioCount: ratio.count, keptCount: keptCount
        ) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "Inconsistent PCA: \(problem); the model file is damaged, retrain it"
                ))
        }
        self.init(
            mean: mean, components: components, explainedVariance: variance,
            explainedVarianceRatio: ratio, keptCount: keptCount
        )
    }
}
