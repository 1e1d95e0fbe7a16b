import CampaignPlugin
import Foundation
import PricingPlugin
import SegmentPlugin
import Testing

/// Settings errors of the built-in plugins name the operator's file, the dotted key and what was expected.
@Suite("Plugin settings errors")
struct PluginSettingsErrorTests {
    static let operatorFile = "etc/plugins.d/test.toml"
    static let segments = ["Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]

    /// Builds `Plugin` from `toml` laid over its sample, as the host does.
    static func build<Plugin: ActionPlugin>(
        _: Plugin.Type, _ toml: String, segments: [String] = segments,
        log: @escaping @Sendable (PluginLogLevel, String) -> Void = { _, _ in }
    )
        throws(PluginError) -> Plugin
    {
        let sample = try PluginSettings.parse(Plugin.descriptor.sampleConfiguration, source: "sample.toml")
        let settings = sample.overlaid(by: try PluginSettings.parse(toml, source: operatorFile))
        return try Plugin.configured(
            settings: settings,
            context: PluginContext(
                stateDirectory: "/tmp", baseDirectory: "/tmp",
                segmentNames: segments, log: log))
    }

    static func error<Plugin: ActionPlugin>(_ type: Plugin.Type, _ toml: String) -> PluginError? {
        do {
            _ = try build(type, toml)
            return nil
        } catch {
            return error
        }
    }

    @Test("an unknown top-level key is rejected, naming the file, the key and the keys allowed")
    func unknownTopLevelKey() throws {
        let error = try #require(Self.error(CampaignPlugin.self, "defaults = 1\n"))
        #expect(error.code == .unknownKey)
        #expect(error.source == Self.operatorFile)
        #expect(error.key == "defaults")
        #expect(error.fix.contains("default, all, segments"))
    }

    @Test("an unknown key inside a segment's rule is rejected with its dotted path")
    func unknownRuleKey() throws {
        let toml = "[segments.\"Risk\"]\nrules = [{ confidence_below = 0.3, chanel = \"phone\" }]\n"
        let error = try #require(Self.error(CampaignPlugin.self, toml))
        #expect(error.code == .unknownKey)
        #expect(error.key == "segments.Risk.rules[0].chanel")
    }

    @Test("a wrong type names the file, the key, the type expected and the type found")
    func wrongType() throws {
        let error = try #require(Self.error(PricingPlugin.self, "[segments.\"Risk\"]\ndiscount_pct = \"20%\"\n"))
        #expect(error.code == .wrongType)
        #expect(error.source == Self.operatorFile)
        #expect(error.key == "segments.Risk.discount_pct")
        #expect(error.problem == "expected a number, found string \"20%\"")
        #expect(error.line == 2)
    }

    @Test("a segment table that is not a table is a wrong type")
    func segmentNotATable() throws {
        let error = try #require(Self.error(PricingPlugin.self, "segments = { Risk = 5 }\n"))
        #expect(error.code == .wrongType)
        #expect(error.key == "segments.Risk")
    }

    @Test("invalid TOML is rejected with its line")
    func tomlSyntax() throws {
        let error = try #require(Self.error(PricingPlugin.self, "[caps]\nmax_discount_pct = = 3\n"))
        #expect(error.code == .tomlSyntax)
        #expect(error.line == 2)
    }

    @Test("a misspelt segment is an error, but without a known model names are not checked")
    func segmentNamesCheckedOnlyAgainstAModel() throws {
        let toml = "[segments.\"Big Tikets\"]\ncampaign = \"vip\"\n"
        let error = try #require(Self.error(CampaignPlugin.self, toml))
        #expect(error.code == .invalidValue)
        #expect(error.key == "segments.Big Tikets")
        _ = try Self.build(CampaignPlugin.self, toml, segments: [])
    }

    @Test("a rule that can never match is rejected")
    func emptyConfidenceRange() throws {
        let toml = "[all]\nrules = [{ confidence_at_least = 0.5, confidence_below = 0.5, campaign = \"x\" }]\n"
        let error = try #require(Self.error(CampaignPlugin.self, toml))
        #expect(error.code == .invalidValue)
        #expect(error.key == "all.rules[0].confidence_at_least")
    }

    @Test("an empty campaign id is rejected")
    func emptyCampaign() throws {
        let error = try #require(Self.error(CampaignPlugin.self, "[default]\ncampaign = \"\"\n"))
        #expect(error.code == .invalidValue)
        #expect(error.key == "default.campaign")
    }

    @Test("a cap that lowers a segment's terms is logged once per segment at info level")
    func capsAreLogged() throws {
        let lines = LogLines()
        _ = try Self.build(PricingPlugin.self, "[caps]\nmax_discount_pct = 10\n", log: lines.append)
        let logged = lines.all
        #expect(logged.count == 2)
        #expect(
            logged.contains { $0.level == .info && $0.text.contains("\"Risk\"") && $0.text.contains("20.0 to 10.0") })
        #expect(logged.contains { $0.text.contains("\"Rare Purchasers\"") && $0.text.contains("15.0 to 10.0") })
    }
}

/// Collects log lines from any thread.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [(level: PluginLogLevel, text: String)] = []

    var all: [(level: PluginLogLevel, text: String)] { lock.withLock { lines } }

    func append(_ level: PluginLogLevel, _ text: String) {
        lock.withLock { lines.append((level, text)) }
    }
}
