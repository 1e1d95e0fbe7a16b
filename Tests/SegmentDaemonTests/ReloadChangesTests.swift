import Foundation
import Logging
import Testing
@testable import SegmentDaemon

@Suite("What the start-up and reload lines say")
struct ReloadChangesTests {
    private static func plugin(_ name: String, order: Int, settings: String = "s", version: String = "1")
        -> EnabledPlugin
    {
        EnabledPlugin(name: name, version: version, order: order, settingsSHA256: settings)
    }

    @Test("a reload names the keys, plugins and model that changed")
    func changes() {
        let old = DaemonConfiguration()
        var new = old
        new.minAge = .seconds(3)
        new.duplicates = .rescore
        let before = [Self.plugin("campaign", order: 10), Self.plugin("pricing", order: 20, settings: "a")]
        let after = [
            Self.plugin("campaign", order: 10), Self.plugin("pricing", order: 20, settings: "b"),
            Self.plugin("migration", order: 30),
        ]

        let changes = ReloadChanges(from: old, before, model: "m-1", to: new, after, model: "m-2")

        #expect(changes.keys == ["min_age", "duplicates"])
        #expect(changes.pluginsAdded == ["migration"])
        #expect(changes.pluginsRemoved == [])
        #expect(changes.pluginsChanged == ["pricing"])
        #expect(changes.metadata["model_changed"]?.description == "true")
        #expect(changes.metadata["previous_model_version"]?.description == "m-1")
    }

    @Test("a reload that changes nothing says so with empty lists")
    func noChanges() {
        let plugins = [Self.plugin("campaign", order: 10)]
        let changes = ReloadChanges(
            from: DaemonConfiguration(), plugins, model: "m-1", to: DaemonConfiguration(), [], model: "m-1")
        #expect(changes.keys.isEmpty)
        #expect(changes.pluginsRemoved == ["campaign"])
        #expect(LogLine.jsonValue(changes.metadata["keys_changed"] ?? .string("")) == "[]")
        #expect(changes.metadata["model_changed"]?.description == "false")
    }

    private struct DescribedProcessor: FileProcessor {
        var modelVersion: String { "m-1" }
        var modelCreatedAt: String? { "2026-01-01T00:00:00Z" }
        var enabledPlugins: [EnabledPlugin] {
            [ReloadChangesTests.plugin("campaign", order: 10), ReloadChangesTests.plugin("pricing", order: 20)]
        }
        func process(input: String, output: String, rejects: String) throws -> ProcessedCounts {
            ProcessedCounts(rowsRead: 0, rowsScored: 0, rowsRejected: 0)
        }
    }

    @Test("the start-up line lists the plugins with version and order, the model's version and age, the config hash")
    func startupLine() throws {
        let now = try Date("2026-01-03T00:00:10Z", strategy: .iso8601)
        let metadata = StartupLine.metadata(
            configuration: DaemonConfiguration(), processor: DescribedProcessor(), configurationHash: "abc",
            mode: "watch", recovered: 0, now: now)

        #expect(metadata["model_version"]?.description == "m-1")
        #expect(metadata["model_age_s"].map(LogLine.jsonValue) == "172810")
        #expect(metadata["config_sha256"]?.description == "abc")
        #expect(
            metadata["plugins"].map(LogLine.jsonValue)
                == #"[{"name":"campaign","order":10,"version":"1"},{"name":"pricing","order":20,"version":"1"}]"#)
    }
}
