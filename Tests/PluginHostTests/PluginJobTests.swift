import Foundation
import Logging
import MigrationPlugin
@testable import ScoringHost
@testable import SegmentDaemon
@testable import segmentd
import SegmentPlugin
import Testing

/// A daemon tree with a trained model and a plugins.d directory, running single jobs.
struct PluginTree {
    let scratch: Scratch
    var configuration = DaemonConfiguration()
    let ledger: Ledger

    init(plugins: [String: String]) throws {
        scratch = try Scratch()
        let root = scratch.path
        configuration.inbox = root + "/inbox"
        configuration.outbox = root + "/outbox"
        configuration.workDirectory = root + "/var/work"
        configuration.archiveDirectory = root + "/var/archive"
        configuration.failedDirectory = root + "/var/failed"
        configuration.ledger = root + "/var/ledger.sqlite"
        configuration.lockFile = root + "/var/segmentd.lock"
        configuration.stateDirectory = root + "/var"
        configuration.pluginsDirectory = root + "/plugins.d"
        configuration.model = try ModelFixture.shared.get().modelPath
        for directory in [configuration.inbox, configuration.outbox] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try WorkRecovery.prepareDirectories(configuration)
        for (name, text) in plugins { try scratch.write("plugins.d/\(name).toml", text) }
        ledger = try Ledger(path: configuration.ledger)
    }

    var available = fakePlugins

    func processor() throws -> HostFileProcessor {
        try HostFileProcessor(
            configuration: configuration, available: available,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    func context(stopAfter step: JobStep? = nil) throws -> JobContext {
        let processor = try processor()
        var context = JobContext(
            configuration: configuration, processor: processor,
            configurationHash: configuration.outputHash(plugins: processor.pluginFingerprint),
            ledger: ledger, outboxProbe: FileSystemOutboxProbe())
        if let step {
            context.stepObserver = { reached in
                if reached == step { throw Crash() }
            }
        }
        return context
    }

    func drop(_ name: String, _ text: String) throws {
        try scratch.write("inbox/\(name)", text)
    }

    func outbox() -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configuration.outbox)) ?? []
        return Dictionary(
            uniqueKeysWithValues: names.map {
                ($0, FileManager.default.contents(atPath: configuration.outbox + "/" + $0) ?? Data())
            })
    }

    func manifest(_ name: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: configuration.outbox + "/" + name))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    struct Crash: Error {}
}

@Suite("plugins in daemon jobs")
struct PluginJobTests {
    private let plugins = [
        "tag": "enabled = true\norder = 1\n", "picky": "enabled = true\norder = 2\n",
        "notes": "enabled = true\norder = 3\n",
    ]

    @Test("the manifest lists the plugins that ran and their artifacts, which are published beside the outputs")
    func manifestAndArtifacts() throws {
        let tree = try PluginTree(plugins: plugins)
        let fixture = try ModelFixture.shared.get()
        try tree.drop("day1.csv", fixture.csv(rows: 40))
        let blocked = fixture.blocked(first: 40)
        #expect(blocked > 0)
        let context = try tree.context()
        let outcome = FileJob(context: context, source: .inbox(name: "day1.csv")).run()
        guard case .scored = outcome else {
            Issue.record("not scored: \(outcome)")
            return
        }
        let manifest = try tree.manifest("day1.manifest.json")
        let outputs = try #require(manifest["outputs"] as? [String: Any])
        #expect(outputs["artifacts"] as? [String] == ["day1.notes.jsonl"])
        #expect(
            tree.outbox()["day1.notes.jsonl"].map { String(decoding: $0, as: UTF8.self).split(separator: "\n").count }
                == 40 - blocked)
        let records = try #require(manifest["plugins"] as? [[String: Any]])
        #expect(records.map { $0["name"] as? String } == ["tag", "picky", "notes"])
        #expect(records.map { $0["rows_failed"] as? Int } == [0, blocked, 0])
        #expect(records[2]["flags"] as? [String] == ["noted"])
        #expect((records[2]["metrics"] as? [String: Double])?["rows"] == Double(40 - blocked))
        #expect(records[0]["version"] as? String == "1.2.0")
        #expect((records[0]["settings_sha256"] as? String)?.count == 64)
        #expect(manifest["config_sha256"] as? String == context.configurationHash)
        #expect(context.configurationHash != tree.configuration.outputHash)
        let rows = try #require(manifest["rows"] as? [String: Int])
        #expect(rows == ["read": 40, "scored": 40 - blocked, "rejected": blocked])
        #expect(!tree.outbox().keys.contains { $0.hasPrefix(".") })
    }

    @Test("after a crash at any step the replay publishes byte-identical outputs and artifacts")
    func crashReplay() throws {
        let fixture = try ModelFixture.shared.get()
        let input = fixture.csv(rows: 500)
        let clean = try PluginTree(plugins: plugins)
        try clean.drop("f.csv", input)
        _ = FileJob(context: try clean.context(), source: .inbox(name: "f.csv")).run()
        let expected = clean.outbox().filter { !$0.key.hasSuffix(".manifest.json") }
        #expect(expected.keys.sorted() == ["f.notes.jsonl", "f.rejects.csv", "f.scored.csv"])
        for step in [JobStep.claimed, .outputsWritten, .outputsPublished] {
            let tree = try PluginTree(plugins: plugins)
            try tree.drop("f.csv", input)
            _ = FileJob(context: try tree.context(stopAfter: step), source: .inbox(name: "f.csv")).run()
            for name in try WorkRecovery.prepare(configuration: tree.configuration, ledger: tree.ledger) {
                _ = FileJob(context: try tree.context(), source: .work(name: name)).run()
            }
            let replayed = tree.outbox()
            #expect(replayed.filter { !$0.key.hasSuffix(".manifest.json") } == expected, "crash after \(step)")
            var manifest = try tree.manifest("f.manifest.json")
            var reference = try clean.manifest("f.manifest.json")
            for key in ["started_at", "finished_at"] {
                manifest[key] = nil
                reference[key] = nil
            }
            #expect(NSDictionary(dictionary: manifest) == NSDictionary(dictionary: reference), "crash after \(step)")
        }
    }

    @Test("a crash after the migration monitor committed a file republishes it with the same outputs and manifest")
    func migrationCrashReplayKeepsTheManifest() throws {
        let fixture = try ModelFixture.shared.get()
        let input = fixture.csv(rows: 300)
        func tree() throws -> PluginTree {
            var tree = try PluginTree(plugins: ["migration": "enabled = true\n"])
            tree.available = [MigrationPlugin.self]
            return tree
        }
        let clean = try tree()
        try clean.drop("f.csv", input)
        _ = FileJob(context: try clean.context(), source: .inbox(name: "f.csv")).run()
        for step in [JobStep.outputsWritten, .outputsPublished] {
            let crashed = try tree()
            try crashed.drop("f.csv", input)
            _ = FileJob(context: try crashed.context(stopAfter: step), source: .inbox(name: "f.csv")).run()
            for name in try WorkRecovery.prepare(configuration: crashed.configuration, ledger: crashed.ledger) {
                _ = FileJob(context: try crashed.context(), source: .work(name: name)).run()
            }
            #expect(
                crashed.outbox().filter { !$0.key.hasSuffix(".manifest.json") }
                    == clean.outbox().filter { !$0.key.hasSuffix(".manifest.json") }, "crash after \(step)")
            var manifest = try crashed.manifest("f.manifest.json")
            var reference = try clean.manifest("f.manifest.json")
            for key in ["started_at", "finished_at"] {
                manifest[key] = nil
                reference[key] = nil
            }
            #expect(NSDictionary(dictionary: manifest) == NSDictionary(dictionary: reference), "crash after \(step)")
        }
    }

    @Test("a plugin with fail_file sends the file to the failed directory and publishes only its failed manifest")
    func failFileJob() throws {
        let tree = try PluginTree(plugins: ["picky": "enabled = true\non_error = \"fail_file\"\n"])
        try tree.drop("bad.csv", try ModelFixture.shared.get().csv(rows: 20))
        let outcome = FileJob(context: try tree.context(), source: .inbox(name: "bad.csv")).run()
        guard case .failed(let reason, _) = outcome else {
            Issue.record("not failed: \(outcome)")
            return
        }
        #expect(reason.contains("picky"))
        #expect(tree.outbox().keys.filter { !$0.hasPrefix(".") } == ["bad.manifest.json"])
        let manifest = try tree.manifest("bad.manifest.json")
        #expect(manifest["outcome"] as? String == "failed")
        #expect((manifest["outputs"] as? [String: Any])?.isEmpty == true, "no output of the file is published")
    }

    @Test("an invalid plugin file makes the processor fail to build, so a reload keeps the running one")
    func invalidPluginRejected() throws {
        let tree = try PluginTree(plugins: ["tag": "enabled = 1\n", "nope": ""])
        do {
            _ = try tree.processor()
            Issue.record("the processor was built")
        } catch let error as PluginSetError {
            #expect(error.problems.count == 2)
            #expect(error.description.contains("nope.toml"))
            #expect(error.description.contains("enabled"))
        }
        let problems = PluginValidator.validate(HostSettings(tree.configuration), available: fakePlugins)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.description.contains("nope.toml") })
    }

    @Test("run --test scores one file through the plugins as a trial and writes nothing")
    func trial() throws {
        let tree = try PluginTree(plugins: plugins)
        let input = tree.scratch.file("trial-input.csv")
        try tree.scratch.write("trial-input.csv", try ModelFixture.shared.get().csv(rows: 30))
        let before = try FileManager.default.subpathsOfDirectory(atPath: tree.scratch.path).sorted()
        let result = try PluginTrial.run(
            input: input, settings: HostSettings(tree.configuration), available: fakePlugins,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let scored = String(decoding: result.scored, as: UTF8.self).split(separator: "\n")
        #expect(scored.first?.hasSuffix(",model_version,tag,line,checked,score,noted") == true)
        #expect(scored.count == 1 + result.rowsScored)
        #expect(String(decoding: result.rejects, as: UTF8.self).hasPrefix("line,column,reason,record\n"))
        #expect(result.rowsRejected == (try ModelFixture.shared.get()).blocked(first: 30))
        #expect(result.artifactLines == ["notes.jsonl": result.rowsScored])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: tree.scratch.path).sorted() == before)
        #expect(SessionJournal.shared.events(for: "trial-input.csv").first?.hasPrefix("tag open trial=true") == true)
    }
}
