/// How many principal components PCA keeps.
package enum ComponentSelection: Sendable, Equatable, Codable {
    /// Exactly this many components (1 through the number of features).
    case count(Int)
    /// The fewest components whose cumulative explained-variance ratio reaches this share, in (0, 1].
    ///
    /// "Reaches" allows 1e-12 of rounding, so a share of 0.85 reached exactly counts.
    case varianceShare(Double)

    private enum CodingKeys: String, CodingKey {
        case count, varianceShare
    }

    /// Decodes `{"count": 5}` or `{"varianceShare": 0.85}`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let count = try container.decodeIfPresent(Int.self, forKey: .count) {
            self = .count(count)
        } else if let share = try container.decodeIfPresent(Double.self, forKey: .varianceShare) {
            self = .varianceShare(share)
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "A component selection needs a \"count\" or a \"varianceShare\" key"
                ))
        }
    }

    /// Encodes as `{"count": n}` or `{"varianceShare": s}`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .count(let count): try container.encode(count, forKey: .count)
        case .varianceShare(let share): try container.encode(share, forKey: .varianceShare)
        }
    }
}

extension ComponentSelection {
    /// Tolerance under which a cumulative ratio still counts as reaching the requested share.
    static let shareTolerance = 1e-12

    /// Number of components to keep out of `ratios.count`, given ratios sorted descending.
    func keptCount(ratios: [Double]) throws(NumericError) -> Int {
        switch self {
        case .count(let count):
            guard count >= 1, count <= ratios.count else {
                throw NumericError(
                    code: .invalidComponentSelection,
                    message: "PCA was asked to keep \(count) components but the data has \(ratios.count) "
                        + "features; choose a count from 1 to \(ratios.count)"
                )
            }
            return count
        case .varianceShare(let share):
            guard share > 0, share <= 1 else {
                throw NumericError(
                    code: .invalidComponentSelection,
                    message: "PCA variance share is \(share) but must be greater than 0 and at most 1 (e.g. 0.85)"
                )
            }
            var cumulative = 0.0
            for (index, ratio) in ratios.enumerated() {
                cumulative += ratio
                if cumulative >= share - Self.shareTolerance { return index + 1 }
            }
            return ratios.count
        }
    }
}
