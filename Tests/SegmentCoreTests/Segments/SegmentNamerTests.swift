import Testing

@testable import SegmentCore

@Suite("SegmentNamer")
struct SegmentNamerTests {
    private static let columns = ["SPEND", "CASH", "LIMIT", "FREQUENCY"]

    private static let archetypes = SegmentArchetypes(archetypes: [
        Archetype(
            name: "Spenders", description: "", marketingStrategy: "", retentionPriority: .high,
            signature: .init(high: ["SPEND", "FREQUENCY"])),
        Archetype(
            name: "Cash users", description: "", marketingStrategy: "", retentionPriority: .low,
            signature: .init(high: ["CASH"], low: ["SPEND"])),
        Archetype(
            name: "Small limits", description: "", marketingStrategy: "", retentionPriority: .medium,
            signature: .init(low: ["LIMIT"])),
    ])

    /// A profile whose only meaningful content is the standardised difference of each column.
    private static func profile(_ id: Int, _ differences: [Double], size: Int = 100) -> SegmentProfile {
        SegmentProfile(
            id: id, size: size, share: 0,
            features: zip(columns, differences).map {
                FeatureStats(name: $0, mean: 0, median: 0, std: 0, standardizedDifference: $1)
            },
            distinguishing: [])
    }

    private static let obvious = [
        profile(0, [-0.2, 0.1, -1.5, 0.0]),  // small limits
        profile(1, [1.4, -0.5, 0.6, 1.1]),  // spenders
        profile(2, [-0.8, 1.7, 0.2, -0.9]),  // cash users
    ]

    @Test func scoreAveragesHighMinusLowDifferences() {
        let score = SegmentNamer.score(profile: Self.obvious[2], signature: .init(high: ["CASH"], low: ["SPEND"]))
        #expect(score == (1.7 + 0.8) / 2)
        #expect(SegmentNamer.score(profile: Self.obvious[2], signature: .init(high: ["CASH", "MISSING"])) == 1.7)
        #expect(SegmentNamer.score(profile: Self.obvious[2], signature: .init(low: ["MISSING"])) == 0)
    }

    @Test func eachSegmentGetsTheObviousArchetype() {
        let names = SegmentNamer.assign(profiles: Self.obvious, archetypes: Self.archetypes)
        #expect(names.map(\.segment) == [0, 1, 2])
        #expect(names.map(\.archetype) == ["Small limits", "Spenders", "Cash users"])
        #expect(names.allSatisfy { !$0.isFallback && $0.score > 0 })
        #expect(names[1].score == (1.4 + 1.1) / 2)
    }

    @Test func assignmentMaximisesTheTotalNotEachSegmentGreedily() {
        // Segment 0 fits "Spenders" best (1.0) but segment 1 fits it much better (1.5) and nothing else;
        // the optimum gives segment 0 its second choice.
        let profiles = [
            Self.profile(0, [1.0, 0.0, -0.9, 1.0]),
            Self.profile(1, [1.5, -2.0, 2.0, 1.5]),
        ]
        let names = SegmentNamer.assign(profiles: profiles, archetypes: Self.archetypes)
        #expect(names.map(\.archetype) == ["Small limits", "Spenders"])
    }

    @Test func extraSegmentsAndEmptySegmentsTakeTheFallbackName() {
        let profiles = Self.obvious + [Self.profile(3, [0.1, 0.1, 0.1, 0.1]), Self.profile(4, [0, 0, 0, 0], size: 0)]
        let names = SegmentNamer.assign(profiles: profiles, archetypes: Self.archetypes)
        #expect(names.map(\.archetype) == ["Small limits", "Spenders", "Cash users", "Segment 4", "Segment 5"])
        #expect(names.map(\.isFallback) == [false, false, false, true, true])
    }

    @Test func fewerSegmentsThanArchetypesLeaveTheWorstFitsUnused() {
        let names = SegmentNamer.assign(profiles: [Self.obvious[2], Self.obvious[1]], archetypes: Self.archetypes)
        #expect(names.map(\.archetype) == ["Cash users", "Spenders"])
    }

    @Test func namingIsDeterministicUnderTies() {
        let flat = [Self.profile(0, [0, 0, 0, 0]), Self.profile(1, [0, 0, 0, 0])]
        let first = SegmentNamer.assign(profiles: flat, archetypes: Self.archetypes)
        #expect(Set(first.map(\.archetype)).count == 2)
        #expect(SegmentNamer.assign(profiles: flat, archetypes: Self.archetypes) == first)
    }
}
