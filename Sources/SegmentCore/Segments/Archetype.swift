/// A kind of customer: how to recognise it and how to treat it.
package struct Archetype: Sendable, Equatable, Codable {
    /// Display name, unique within a configuration, e.g. "Big Tickets".
    package var name: String
    /// Who these customers are.
    package var description: String
    /// What marketing should do with them.
    package var marketingStrategy: String
    /// How much effort keeping them deserves.
    package var retentionPriority: RetentionPriority
    /// The columns that characterise the archetype.
    package var signature: Signature

    /// Creates an archetype.
    package init(
        name: String, description: String, marketingStrategy: String, retentionPriority: RetentionPriority,
        signature: Signature
    ) {
        self.name = name
        self.description = description
        self.marketingStrategy = marketingStrategy
        self.retentionPriority = retentionPriority
        self.signature = signature
    }

    /// Columns whose segment mean is expected above (`high`) or below (`low`) the overall mean.
    package struct Signature: Sendable, Equatable, Codable {
        /// Columns expected above average.
        package var high: [String]
        /// Columns expected below average.
        package var low: [String]

        /// Creates a signature.
        package init(high: [String] = [], low: [String] = []) {
            self.high = high
            self.low = low
        }
    }
}

/// How much effort keeping a segment's customers deserves.
package enum RetentionPriority: String, Sendable, Equatable, Codable, CaseIterable {
    /// Worth active retention effort.
    case high
    /// Worth routine retention effort.
    case medium
    /// Not worth dedicated retention effort.
    case low
}
