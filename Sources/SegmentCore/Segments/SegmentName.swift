/// The name given to one segment.
package struct SegmentName: Sendable, Equatable, Codable {
    /// Segment id.
    package var segment: Int
    /// Name of the matched archetype, or the fallback name when none was matched.
    package var archetype: String
    /// How well the segment fits the archetype (see ``SegmentNamer/score(profile:signature:)``); 0 for a fallback.
    package var score: Double
    /// Whether the name comes from the fallback naming rather than an archetype.
    package var isFallback: Bool

    /// Creates a segment name.
    package init(segment: Int, archetype: String, score: Double, isFallback: Bool = false) {
        self.segment = segment
        self.archetype = archetype
        self.score = score
        self.isFallback = isFallback
    }
}
