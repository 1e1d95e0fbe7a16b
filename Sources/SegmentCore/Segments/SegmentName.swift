/// The name given to one segment.
public struct SegmentName: Sendable, Equatable, Codable {
    /// Segment id.
    public var segment: Int
    /// Name of the matched archetype, or the fallback name when none was matched.
    public var archetype: String
    /// How well the segment fits the archetype (see ``SegmentNamer/score(profile:signature:)``); 0 for a fallback.
    public var score: Double
    /// Whether the name comes from the fallback naming rather than an archetype.
    public var isFallback: Bool

    /// Creates a segment name.
    public init(segment: Int, archetype: String, score: Double, isFallback: Bool = false) {
        self.segment = segment
        self.archetype = archetype
        self.score = score
        self.isFallback = isFallback
    }
}
