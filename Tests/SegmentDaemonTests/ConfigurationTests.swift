import Foundation
import Logging
import Testing
@testable import SegmentDaemon

@Suite("Configuration")
struct ConfigurationTests {
    private static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    @Test("an empty file gives the built-in defaults")
    func emptyFileGivesDefaults() throws {
        let configuration = try DaemonConfiguration(tomlText: "", source: "empty.toml")

        #expect(configuration == DaemonConfiguration())
        #expect(configuration.workDirectory == "var/work")
        #expect(configuration.minAge == .seconds(1))
        #expect(configuration.minAgeRenamed == .zero)
        #expect(configuration.reconcileInterval == .seconds(60))
        #expect(configuration.workers == DaemonConfiguration.processorCount)
        #expect(configuration.duplicates == .skip)
        #expect(configuration.mode == .watch)
    }

    @Test("etc/segmentd.toml documents exactly the defaults")
    func shippedFileMatchesDefaults() throws {
        let path = Self.packageRoot + "/etc/segmentd.toml"
        let configuration = try DaemonConfiguration.load(path: path)
        let defaults = DaemonConfiguration().resolvingPaths(configurationFile: path, workingDirectory: "/")

        #expect(configuration.canonicalText == defaults.canonicalText)
    }

    @Test("etc/segmentd.toml mentions every key")
    func shippedFileMentionsEveryKey() throws {
        let text = try String(contentsOfFile: Self.packageRoot + "/etc/segmentd.toml", encoding: .utf8)
        for setting in DaemonConfiguration.settings {
            #expect(
                text.contains("\(setting.key) = ") || text.contains("[\(setting.key)]"),
                "etc/segmentd.toml does not document \(setting.key)")
        }
    }

    @Test("every key is decoded into its field")
    func keysAreDecoded() throws {
        let text = """
            inbox = "/data/in"
            outbox = "/data/out"
            work_dir = "/data/work"
            archive_dir = "/data/archive"
            failed_dir = "/data/failed"
            ledger = "/data/ledger.sqlite"
            lock_file = "/run/segmentd.lock"
            model = "/models/m.json"
            pipeline = "p.toml"
            segments = "s.toml"
            mode = "poll"
            workers = 3
            min_age = 2.5
            min_age_renamed = 1
            reconcile_interval = 30
            poll_interval = 0.5
            duplicates = "rescore"
            drain_timeout = 10
            log_format = "json"
            log_level = "warning"
            large_file_bytes = 1000
            min_free_bytes = 0
            outbox_retry_interval = 1
            """
        let configuration = try DaemonConfiguration(tomlText: text, source: "test.toml")

        #expect(configuration.inbox == "/data/in")
        #expect(configuration.lockFile == "/run/segmentd.lock")
        #expect(configuration.mode == .poll)
        #expect(configuration.workers == 3)
        #expect(configuration.minAge == .milliseconds(2500))
        #expect(configuration.minAgeRenamed == .seconds(1))
        #expect(configuration.pollInterval == .milliseconds(500))
        #expect(configuration.duplicates == .rescore)
        #expect(configuration.logFormat == .json)
        #expect(configuration.logLevel == .warning)
        #expect(configuration.largeFileBytes == 1000)
        #expect(configuration.minFreeBytes == 0)
    }

    @Test("an unknown key is rejected naming the file, the key and the likely intended key")
    func unknownKeyIsRejected() {
        #expect {
            try DaemonConfiguration(tomlText: "min_ag = 3\n", source: "/etc/segmentd.toml")
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.hasPrefix("/etc/segmentd.toml:1:1: min_ag: unknown key \"min_ag\"")
                && message.contains("did you mean \"min_age\"")
        }
    }

    @Test("log_level takes swift-log's levels and names them when the value is not one")
    func logLevelChoices() {
        #expect((try? DaemonConfiguration(tomlText: "", source: "x.toml"))?.logLevel == .info)
        #expect {
            try DaemonConfiguration(tomlText: "log_level = \"verbose\"\n", source: "x.toml")
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.contains("log_level") && message.contains("debug") && message.contains("critical")
        }
    }

    @Test("a table is an unknown key, not silently ignored")
    func tableIsRejected() {
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration(tomlText: "[daemon]\nworkers = 2\n", source: "x.toml")
        }
    }

    @Test("a value of the wrong type names the key and the expected type")
    func wrongTypeIsRejected() {
        #expect {
            try DaemonConfiguration(tomlText: "workers = \"four\"\n", source: "x.toml")
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.hasPrefix("x.toml:1:1: workers: expected an integer, found string \"four\"")
        }
    }

    @Test(
        "out-of-range and unknown words are rejected",
        arguments: ["workers = 0", "min_age = -1", "mode = \"fast\"", "poll_interval = 0"])
    func invalidValueIsRejected(line: String) {
        #expect(throws: ConfigurationError.self) {
            try DaemonConfiguration(tomlText: line + "\n", source: "x.toml")
        }
    }

    @Test("max_reject_share takes a share from 0 to 1 and says so otherwise", arguments: ["1.5", "-0.1", "2"])
    func rejectShareOutOfRange(value: String) {
        #expect {
            try DaemonConfiguration(tomlText: "max_reject_share = \(value)\n", source: "x.toml")
        } throws: { error in
            let message = (error as? ConfigurationError)?.message ?? ""
            return message.hasPrefix("x.toml:1:1: max_reject_share:") && message.contains("from 0")
        }
    }

    @Test("max_reject_share is read, and enters the config hash only when it is not its default")
    func rejectShareIsReadAndHashed() throws {
        let configuration = try DaemonConfiguration(tomlText: "max_reject_share = 1\n", source: "x.toml")
        let atDefault = try DaemonConfiguration(tomlText: "max_reject_share = 0.5\n", source: "x.toml")

        #expect(configuration.maxRejectShare == 1)
        #expect(configuration.outputHash != DaemonConfiguration().outputHash)
        #expect(atDefault.outputHash == DaemonConfiguration().outputHash)
    }

    @Test("a syntax error names the file and line")
    func syntaxErrorNamesLine() {
        #expect {
            try DaemonConfiguration(tomlText: "workers = 2\nmode = \n", source: "bad.toml")
        } throws: { error in
            ((error as? ConfigurationError)?.message ?? "").hasPrefix("bad.toml:2:")
        }
    }

    @Test("the canonical text changes when a value changes, so the manifest's config hash does")
    func canonicalTextReflectsValues() {
        var changed = DaemonConfiguration()
        changed.duplicates = .rescore

        #expect(changed.canonicalText != DaemonConfiguration().canonicalText)
        #expect(DaemonConfiguration().canonicalText == DaemonConfiguration().canonicalText)
    }

    @Test("the canonical text writes a duration as its seconds: 1.5 and 0.05, not their attosecond counts")
    func canonicalTextWritesDurationsAsSeconds() throws {
        let text = try DaemonConfiguration(tomlText: "min_age = 1.5\nmin_age_renamed = 0.05\n", source: "t")
            .canonicalText
        #expect(text.contains("min_age = 1.5s\n"), "\(text)")
        #expect(text.contains("min_age_renamed = 0.05s\n"), "\(text)")
    }

    @Test("the manifest's configuration hash follows the duplicate policy, not paths, workers or timings")
    func outputHashCoversOnlyOutputKeys() {
        var tuned = DaemonConfiguration()
        tuned.workers += 3
        tuned.minAge = .seconds(5)
        tuned.logFormat = .json
        var remodelled = DaemonConfiguration()
        remodelled.model = "var/other-model.json"
        remodelled.pipeline = "etc/other-pipeline.toml"
        remodelled.segments = "etc/other-segments.toml"
        var rescoring = DaemonConfiguration()
        rescoring.duplicates = .rescore

        #expect(tuned.outputHash == DaemonConfiguration().outputHash)
        // The model's version is reported beside the hash; pipeline and segments are embedded in the model.
        #expect(remodelled.outputHash == DaemonConfiguration().outputHash)
        #expect(rescoring.outputHash != DaemonConfiguration().outputHash)
    }

    @Test("changing a directory or the mode needs a restart; changing workers does not")
    func restartOnlyKeysAreDetected() {
        var changed = DaemonConfiguration()
        changed.inbox = "elsewhere"
        changed.mode = .poll
        changed.workers = DaemonConfiguration().workers + 1

        #expect(changed.restartOnlyChanges(comparedTo: DaemonConfiguration()) == ["inbox", "mode"])
    }
}
