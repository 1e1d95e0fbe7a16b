import Foundation
@testable import ScoringHost
import SegmentDaemon
import SegmentPlugin
import Testing

@Suite("plugins.d configuration")
struct PluginConfigurationTests {
    private func problems(_ files: [String: String]) throws -> [PluginError] {
        let scratch = try Scratch()
        do {
            _ = try pluginSet(files, in: scratch)
            return []
        } catch let error as PluginSetError {
            return error.problems
        }
    }

    @Test("a file naming no built-in plugin is an error naming the file")
    func unknownPluginFile() throws {
        let found = try problems(["tga": "enabled = true\n"])
        #expect(found.count == 1)
        #expect(found.first?.code == .unknownPlugin)
        #expect(found.first?.source.hasSuffix("plugins.d/tga.toml") == true)
        #expect(found.first?.fix.contains("tag") == true)
    }

    @Test("a host key of the wrong type names the file, the key and the expected type")
    func wrongHostKeyType() throws {
        let found = try problems(["tag": "enabled = \"yes\"\n"])
        let problem = try #require(found.first)
        #expect(problem.code == .wrongType)
        #expect(problem.key == "enabled")
        #expect(problem.source.hasSuffix("tag.toml"))
        #expect(problem.problem.contains("true or false"))
    }

    @Test("on_error must be reject_rows or fail_file")
    func unknownPolicy() throws {
        let found = try problems(["tag": "enabled = true\non_error = \"ignore\"\n"])
        #expect(found.first?.code == .invalidValue)
        #expect(found.first?.key == "on_error")
    }

    @Test(
        "an unknown plugin key and a key of the wrong type are reported by the plugin, naming the operator's file"
    )
    func pluginKeys() throws {
        let found = try problems([
            "tag": "enabled = true\nprefx = \"a\"\n", "picky": "enabled = true\nreject_suffixes = 7\n",
        ])
        #expect(found.count == 2)
        let unknown = try #require(found.first { $0.code == .unknownKey })
        #expect(unknown.key == "prefx")
        #expect(unknown.source.hasSuffix("tag.toml"))
        let wrong = try #require(found.first { $0.code == .wrongType })
        #expect(wrong.key == "reject_suffixes")
        #expect(wrong.source.hasSuffix("picky.toml"))
    }

    @Test("every unknown key of one plugin file is reported, and the host keys are among the valid ones")
    func everyUnknownKeyOfAFile() throws {
        let found = try problems(["tag": "enabled = true\nprefx = \"a\"\nordr = 3\nzzz = 1\n"])
        #expect(found.map(\.key) == ["ordr", "prefx", "zzz"], "\(found)")
        let order = try #require(found.first { $0.key == "ordr" })
        #expect(order.fix.contains("did you mean \"order\""), "\(order.fix)")
        for key in ["enabled", "order", "on_error"] {
            #expect(order.fix.contains(key), "the valid keys list the host's \(key): \(order.fix)")
        }
    }

    @Test("a plugins_dir the configuration names must exist; the default one may be absent")
    func requiredPluginsDirectory() throws {
        let scratch = try Scratch()
        let missing = scratch.file("nope.d")
        #expect(throws: Never.self) {
            try PluginSet.load(directory: missing, available: fakePlugins, context: testContext(scratch))
        }
        do {
            _ = try PluginSet.load(
                directory: missing, available: fakePlugins, context: testContext(scratch), required: true)
            Issue.record("a missing plugins_dir that the configuration names loaded")
        } catch {
            #expect(error.problems.map(\.key) == ["plugins_dir"])
            #expect(error.description.contains(missing), "\(error)")
        }
    }

    @Test("every broken file is reported, not just the first")
    func everyProblem() throws {
        let found = try problems(["zzz": "", "tag": "order = \"first\"\n", "notes": "enabled = [\n"])
        #expect(found.map(\.code).contains(.unknownPlugin))
        #expect(found.map(\.code).contains(.wrongType))
        #expect(found.map(\.code).contains(.tomlSyntax))
    }

    @Test("enabled plugins run by order then name; disabled and unconfigured ones do not run")
    func orderAndEnable() throws {
        let scratch = try Scratch()
        let set = try pluginSet(
            [
                "tag": "enabled = true\norder = 30\n", "notes": "enabled = true\norder = 5\n",
                "picky": "enabled = true\norder = 30\n", "thrower": "enabled = false\norder = 1\n",
            ], in: scratch)
        #expect(set.members.map(\.configuration.name) == ["notes", "picky", "tag"])
        #expect(set.scoringPlugins.map(\.name) == ["notes", "picky", "tag"])
        let states = Dictionary(uniqueKeysWithValues: set.files.map { ($0.name, $0.state) })
        #expect(states == ["notes": .enabled, "picky": .enabled, "tag": .enabled, "thrower": .disabled])
        let none = try pluginSet([:], in: try Scratch())
        #expect(none.members.isEmpty)
        #expect(none.files.allSatisfy { $0.state == .notConfigured })
        #expect(none.fingerprint == nil)
    }

    @Test("the operator's keys are laid over the sample, the host keys removed")
    func overlay() throws {
        let scratch = try Scratch()
        let set = try pluginSet(["tag": "enabled = true\nprefix = \"S:\"\n", "notes": "enabled = true\n"], in: scratch)
        let tag = try #require(set.members.first { $0.configuration.name == "tag" }?.plugin as? TagPlugin)
        #expect(tag.prefix == "S:")
        let notes = try #require(set.members.first { $0.configuration.name == "notes" }?.plugin as? NotesPlugin)
        #expect(notes.flag == "noted")
    }

    @Test("the fingerprint changes with a plugin's settings and policy")
    func fingerprint() throws {
        let base = try pluginSet(["tag": "enabled = true\n"], in: try Scratch()).fingerprint
        let changed = try pluginSet(["tag": "enabled = true\nprefix = \"x\"\n"], in: try Scratch()).fingerprint
        let policy = try pluginSet(["tag": "enabled = true\non_error = \"fail_file\"\n"], in: try Scratch()).fingerprint
        #expect(base != nil)
        #expect(base != changed)
        #expect(base != policy)
        var configuration = DaemonConfiguration()
        configuration.model = "m.json"
        #expect(configuration.outputHash(plugins: nil) == configuration.outputHash)
        #expect(configuration.outputHash(plugins: base) != configuration.outputHash)
    }

    @Test("a plugin column that another plugin or the scorer already writes is an error")
    func duplicateColumns() throws {
        let scratch = try Scratch()
        try scratch.write("plugins.d/tag.toml", "enabled = true\n")
        try scratch.write("plugins.d/clash.toml", "enabled = true\n")
        #expect(throws: PluginSetError.self) {
            try PluginSet.load(
                directory: scratch.file("plugins.d"), available: [TagPlugin.self, ClashPlugin.self],
                context: testContext(scratch))
        }
        do {
            _ = try PluginSet.load(
                directory: scratch.file("plugins.d"), available: [TagPlugin.self, ClashPlugin.self],
                context: testContext(scratch))
        } catch {
            #expect(error.problems.count == 2)
        }
    }

    @Test("segmentd plugins lists every built-in plugin with state, order and file")
    func listing() throws {
        let scratch = try Scratch()
        try scratch.write("plugins.d/tag.toml", "enabled = true\norder = 7\n")
        try scratch.write("plugins.d/picky.toml", "enabled = false\n")
        let listing = PluginListing(pluginsDirectory: scratch.file("plugins.d"), available: fakePlugins)
        #expect(listing.problems.isEmpty)
        #expect(listing.rows.map(\.name) == ["tag", "picky", "notes", "thrower"])
        #expect(listing.rows.map(\.state) == [.enabled, .disabled, .notConfigured, .notConfigured])
        #expect(listing.rows[0].order == 7)
        #expect(listing.rows[0].version == "1.2.0")
        #expect(listing.rows[2].file == "-")
        #expect(listing.text.contains("not configured"))
    }
}
