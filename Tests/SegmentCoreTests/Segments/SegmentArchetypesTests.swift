import Foundation
import Testing

@testable import SegmentCore

@Suite("SegmentArchetypes")
struct SegmentArchetypesTests {
    private static let minimal = """
        [[archetype]]
        name = "Spenders"
        description = "Buy a lot."
        marketing_strategy = "Rewards."
        retention_priority = "high"

        [archetype.signature]
        high = ["PURCHASES"]

        [[archetype]]
        name = "Savers"
        description = "Buy little."
        marketing_strategy = "Activation."
        retention_priority = "low"

        [archetype.signature]
        low = ["PURCHASES"]
        """

    private static func parseError(_ toml: String) -> SegmentsConfigError? {
        do {
            _ = try SegmentArchetypes(toml: toml, source: "test.toml")
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultTOMLIsTheShippedFile() throws {
        let shipped = try String(
            contentsOf: SegmentsTestSupport.packageRoot.appending(path: "etc/segments.toml"), encoding: .utf8)
        #expect(SegmentArchetypes.defaultTOML == shipped)
    }

    @Test func defaultConfigurationHasTheFiveArchetypesAndKnownColumns() throws {
        let configuration = try SegmentArchetypes(toml: SegmentArchetypes.defaultTOML)
        #expect(
            configuration.archetypes.map(\.name) == [
                "Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk",
            ])
        #expect(configuration.archetypes.allSatisfy { !$0.description.isEmpty && !$0.marketingStrategy.isEmpty })
        try configuration.validate(knownColumns: SegmentsTestSupport.allColumns)
        #expect(configuration.fallback.name(forSegment: 5) == "Segment 6")
    }

    @Test func readsEveryFieldOfAnArchetype() throws {
        let configuration = try SegmentArchetypes(toml: Self.minimal)
        #expect(configuration.archetypes.count == 2)
        #expect(
            configuration.archetypes[0]
                == Archetype(
                    name: "Spenders", description: "Buy a lot.", marketingStrategy: "Rewards.",
                    retentionPriority: .high,
                    signature: .init(high: ["PURCHASES"])))
        #expect(configuration.archetypes[1].signature == .init(low: ["PURCHASES"]))
        #expect(configuration.fallback == FallbackNaming())
    }

    @Test func unknownKeyInAnArchetypeIsNamedWithItsLocation() throws {
        let toml = Self.minimal.replacingOccurrences(
            of: "low = [\"PURCHASES\"]", with: "low = [\"PURCHASES\"]\nhihg = [\"X\"]")
        let error = try #require(Self.parseError(toml))
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "archetype[1].signature.hihg")
        #expect(error.line == 18)
        #expect(error.description.hasPrefix("test.toml:18:1: archetype[1].signature.hihg: unknown key \"hihg\""))
        #expect(error.message.contains("did you mean \"high\""))
    }

    @Test func unknownTopLevelSectionIsRejected() throws {
        let error = try #require(Self.parseError(Self.minimal + "\n\n[colours]\nred = 1\n"))
        #expect(error.code == .unknownKey)
        #expect(error.keyPath == "colours")
        #expect(error.line == 19)
    }

    @Test func badRetentionPriorityIsRejectedWithTheAllowedValues() throws {
        let toml = Self.minimal.replacingOccurrences(of: "\"low\"", with: "\"urgent\"")
        let error = try #require(Self.parseError(toml))
        #expect(error.code == .invalidValue)
        #expect(error.keyPath == "archetype[1].retention_priority")
        #expect(error.line == 14)
        #expect(error.message.contains("\"urgent\"") && error.message.contains("\"high\", \"medium\", \"low\""))
    }

    @Test func unknownSignatureColumnNamesTheColumnAndArchetype() throws {
        let toml = Self.minimal.replacingOccurrences(of: "high = [\"PURCHASES\"]", with: "high = [\"PURCHASE_TRX\"]")
        let configuration = try SegmentArchetypes(toml: toml)
        let error = try #require(throws: SegmentsConfigError.self) {
            try configuration.validate(knownColumns: SegmentsTestSupport.allColumns)
        }
        #expect(error.code == .unknownColumn)
        #expect(error.keyPath == "archetype[0].signature.high")
        #expect(error.message.contains("'PURCHASE_TRX'") && error.message.contains("\"Spenders\""))
        #expect(error.message.contains("Did you mean 'PURCHASES_TRX'?"))
    }

    @Test func missingRequiredKeyPointsAtTheArchetypeHeader() throws {
        let toml = Self.minimal.replacingOccurrences(of: "marketing_strategy = \"Activation.\"\n", with: "")
        let error = try #require(Self.parseError(toml))
        #expect(error.code == .missingKey)
        #expect(error.keyPath == "archetype[1].marketing_strategy")
        #expect(error.line == 10)
    }

    @Test func wrongTypesAreRejected() throws {
        let numberName = try #require(Self.parseError(Self.minimal.replacingOccurrences(of: "\"Savers\"", with: "7")))
        #expect(numberName.code == .wrongType && numberName.keyPath == "archetype[1].name")
        let scalarList = try #require(
            Self.parseError(Self.minimal.replacingOccurrences(of: "[\"PURCHASES\"]", with: "\"PURCHASES\"")))
        #expect(scalarList.code == .wrongType && scalarList.keyPath == "archetype[0].signature.high")
        let singleTable = "[archetype]\nname = \"x\"\n"
        #expect(Self.parseError(singleTable)?.code == .wrongType)
    }

    @Test func contradictoryEmptyOrDuplicatedSignaturesAreRejected() throws {
        let both = Self.minimal.replacingOccurrences(
            of: "high = [\"PURCHASES\"]", with: "high = [\"PURCHASES\"]\nlow = [\"PURCHASES\"]")
        #expect(Self.parseError(both)?.code == .invalidValue)
        let empty = Self.minimal.replacingOccurrences(of: "high = [\"PURCHASES\"]", with: "high = []")
        #expect(Self.parseError(empty)?.message.contains("signature in archetype #1 (\"Spenders\") is empty") == true)
        let twice = Self.minimal.replacingOccurrences(
            of: "high = [\"PURCHASES\"]", with: "high = [\"PURCHASES\", \"PURCHASES\"]")
        #expect(Self.parseError(twice)?.message.contains("listed twice") == true)
    }

    @Test func duplicateArchetypeNamesAreRejected() throws {
        let error = try #require(
            Self.parseError(Self.minimal.replacingOccurrences(of: "\"Savers\"", with: "\"Spenders\"")))
        #expect(error.code == .duplicateName)
        #expect(error.line == 11)
    }

    @Test func syntaxErrorsCarryTheParserPosition() throws {
        let error = try #require(Self.parseError("[[archetype]]\nname = \"unterminated\n"))
        #expect(error.code == .syntax)
        #expect(error.line == 2)
    }

    @Test func fallbackNameMustVaryBySegment() throws {
        let constant = Self.minimal + "\n\n[fallback]\nname = \"Other\"\n"
        #expect(Self.parseError(constant)?.code == .invalidValue)
        let custom = try SegmentArchetypes(
            toml: Self.minimal + "\n\n[fallback]\nname = \"Cluster {id}\"\nretention_priority = \"low\"\n")
        #expect(custom.fallback.name(forSegment: 5) == "Cluster 5")
        #expect(custom.fallback.retentionPriority == .low)
    }
}
