/// The named customer archetypes that segments are matched to, and how to name segments left over.
///
/// Loaded from TOML (see `etc/segments.toml` and ``defaultTOML``); ``SegmentNamer`` assigns them to segments.
package struct SegmentArchetypes: Sendable, Equatable, Codable {
    /// Archetypes in configuration order.
    package var archetypes: [Archetype]
    /// Naming for segments that get no archetype (more segments than archetypes).
    package var fallback: FallbackNaming

    /// Creates a configuration from already built parts.
    package init(archetypes: [Archetype], fallback: FallbackNaming = FallbackNaming()) {
        self.archetypes = archetypes
        self.fallback = fallback
    }

    /// The archetype with this name, if any.
    package func archetype(named name: String) -> Archetype? {
        archetypes.first { $0.name == name }
    }
}
