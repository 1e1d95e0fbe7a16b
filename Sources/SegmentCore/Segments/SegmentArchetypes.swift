/// The named customer archetypes that segments are matched to, and how to name segments left over.
///
/// Loaded from TOML (see `etc/segments.toml` and ``defaultTOML``); ``SegmentNamer`` assigns them to segments.
public struct SegmentArchetypes: Sendable, Equatable, Codable {
    /// Archetypes in configuration order.
    public var archetypes: [Archetype]
    /// Naming for segments that get no archetype (more segments than archetypes).
    public var fallback: FallbackNaming

    /// Creates a configuration from already built parts.
    public init(archetypes: [Archetype], fallback: FallbackNaming = FallbackNaming()) {
        self.archetypes = archetypes
        self.fallback = fallback
    }

    /// The archetype with this name, if any.
    public func archetype(named name: String) -> Archetype? {
        archetypes.first { $0.name == name }
    }
}

/// A kind of customer: how to recognise it and how to treat it.
public struct Archetype: Sendable, Equatable, Codable {
    /// Display name, unique within a configuration, e.g. "Big Tickets".
    public var name: String
    /// Who these customers are.
    public var description: String
    /// What marketing should do with them.
    public var marketingStrategy: String
    /// How much effort keeping them deserves.
    public var retentionPriority: RetentionPriority
    /// The columns that characterise the archetype.
    public var signature: Signature

    /// Creates an archetype.
    public init(
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
    public struct Signature: Sendable, Equatable, Codable {
        /// Columns expected above average.
        public var high: [String]
        /// Columns expected below average.
        public var low: [String]

        /// Creates a signature.
        public init(high: [String] = [], low: [String] = []) {
            self.high = high
            self.low = low
        }
    }
}

/// How much effort keeping a segment's customers deserves.
public enum RetentionPriority: String, Sendable, Equatable, Codable, CaseIterable {
    case high
    case medium
    case low
}

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
