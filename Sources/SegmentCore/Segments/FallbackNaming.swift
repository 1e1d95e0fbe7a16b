/// Name and texts for segments that get no archetype.
package struct FallbackNaming: Sendable, Equatable, Codable {
    /// Name template; `{number}` becomes the segment id + 1 and `{id}` the segment id.
    package var nameFormat: String
    /// Description shown for such segments.
    package var description: String
    /// Marketing strategy shown for such segments.
    package var marketingStrategy: String
    /// Retention priority of such segments.
    package var retentionPriority: RetentionPriority

    /// Creates a fallback naming; the defaults name segment 5 "Segment 6".
    package init(
        nameFormat: String = "Segment {number}", description: String = "",
        marketingStrategy: String = "", retentionPriority: RetentionPriority = .medium
    ) {
        self.nameFormat = nameFormat
        self.description = description
        self.marketingStrategy = marketingStrategy
        self.retentionPriority = retentionPriority
    }

    /// The name of a segment that got no archetype.
    package func name(forSegment segment: Int) -> String {
        nameFormat
            .replacing("{number}", with: String(segment + 1))
            .replacing("{id}", with: String(segment))
    }
}
