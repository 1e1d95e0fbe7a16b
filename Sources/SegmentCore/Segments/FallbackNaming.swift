/// Name and texts for segments that get no archetype.
public struct FallbackNaming: Sendable, Equatable, Codable {
    /// Name template; `{number}` becomes the segment id + 1 and `{id}` the segment id.
    public var nameFormat: String
    /// Description shown for such segments.
    public var description: String
    /// Marketing strategy shown for such segments.
    public var marketingStrategy: String
    /// Retention priority of such segments.
    public var retentionPriority: RetentionPriority

    /// Creates a fallback naming; the defaults name segment 5 "Segment 6".
    public init(
        nameFormat: String = "Segment {number}", description: String = "",
        marketingStrategy: String = "", retentionPriority: RetentionPriority = .medium
    ) {
        self.nameFormat = nameFormat
        self.description = description
        self.marketingStrategy = marketingStrategy
        self.retentionPriority = retentionPriority
    }

    /// The name of a segment that got no archetype.
    public func name(forSegment segment: Int) -> String {
        nameFormat
            .replacing("{number}", with: String(segment + 1))
            .replacing("{id}", with: String(segment))
    }
}
