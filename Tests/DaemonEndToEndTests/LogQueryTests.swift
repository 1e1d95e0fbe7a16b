import Foundation
import SegmentdTestSupport
import Testing

/// Logs an operator can query: typed JSON, the start-up line's content, `log_level` and `--log-level`.
extension DaemonEndToEndTests {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The JSON objects among the lines of `log` (the `--once` counts line is plain text).
    private static func jsonLines(_ log: String) throws -> [[String: Any]] {
        try log.split(separator: "\n").filter { $0.hasPrefix("{") }.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test("JSON logs type numbers as numbers; the start-up line lists plugins, model version and age, config hash")
    func jsonLogTypesAndStartupLine() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0", "log_format = \"json\""])
        try FileManager.default.copyItem(
            atPath: Self.packageRoot.appendingPathComponent("etc/plugins.d").path, toPath: tree.path("etc/plugins.d"))
        try tree.renameIn("day1.csv", tree.fixture.csv(rows: 30, from: 0))

        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 0, "\(once.log)")

        let objects = try Self.jsonLines(once.log)
        let start = try #require(objects.first { $0["message"] as? String == "starting" }, "\(once.log)")
        #expect(start["workers"] is NSNumber && !(start["workers"] is String))
        #expect((start["model_age_s"] as? NSNumber).map { $0.intValue >= 0 } == true, "\(start)")
        #expect((start["model_version"] as? String)?.hasPrefix("m-") == true)
        #expect((start["model_created_at"] as? String)?.isEmpty == false)
        let plugins = try #require(start["plugins"] as? [[String: Any]], "\(start)")
        #expect(plugins.map { $0["name"] as? String } == ["campaign", "pricing", "migration"])
        #expect(plugins.map { ($0["order"] as? NSNumber)?.intValue } == [10, 20, 30])
        #expect(plugins.allSatisfy { ($0["version"] as? String)?.isEmpty == false })
        let manifest = try #require(try tree.manifests()["day1.manifest.json"])
        #expect(start["config_sha256"] as? String == manifest["config_sha256"] as? String)

        let scored = try #require(objects.first { $0["message"] as? String == "file scored" }, "\(once.log)")
        #expect(scored["file"] as? String == "day1.csv")
        for key in ["rows", "scored", "rejects", "duration_ms"] {
            #expect(scored[key] is NSNumber && !(scored[key] is String), "\(key): \(String(describing: scored[key]))")
        }
        #expect((scored["rows"] as? NSNumber)?.intValue == 30)
        tree.remove()
    }

    @Test("log_level drops the lines below it and --log-level on run overrides it")
    func logLevelFiltering() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0", "log_level = \"warning\""])
        let columns = tree.fixture.header.split(separator: ",")
        try tree.renameIn("good.csv", tree.fixture.csv(rows: 10, from: 0))
        try tree.renameIn("broken.csv", columns.prefix(2).joined(separator: ",") + "\n1,2\n")

        let quiet = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await quiet.waitForExit() == 65, "\(quiet.log)")
        #expect(quiet.log.contains("file failed"), "warnings are still logged: \(quiet.log)")
        #expect(!quiet.log.contains("file scored") && !quiet.log.contains("starting"), "\(quiet.log)")

        try tree.renameIn("good-2.csv", tree.fixture.csv(rows: 10, from: 50))
        let loud = try DaemonProcess(in: tree, arguments: ["run", "--once", "--log-level", "info"])
        #expect(try await loud.waitForExit() == 0, "\(loud.log)")
        #expect(loud.log.contains("starting") && loud.log.contains("file scored"), "\(loud.log)")

        let wrong = try DaemonProcess(in: tree, arguments: ["run", "--once", "--log-level", "verbose"])
        #expect(try await wrong.waitForExit() == 64, "\(wrong.log)")
        #expect(wrong.log.contains("--log-level \"verbose\" is not a level"), "\(wrong.log)")
        tree.remove()
    }

    @Test("a reload logs the keys, plugins and model version it changed")
    func reloadLogsWhatChanged() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2", "log_format = \"json\""])
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\norder = 10\n".write(
            toFile: tree.path("etc/plugins.d/campaign.toml"), atomically: true, encoding: .utf8)
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()

        try tree.writeConfiguration(["min_age = 0.5", "log_format = \"json\""])
        try "enabled = true\norder = 20\n".write(
            toFile: tree.path("etc/plugins.d/pricing.toml"), atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        try await Poll.until("the reload is logged", timeout: .seconds(20)) {
            daemon.log.contains("\"reloaded\"") || daemon.log.contains("reload rejected")
        }

        let reloaded = try #require(
            try Self.jsonLines(daemon.log).first { $0["message"] as? String == "reloaded" }, "\(daemon.log)")
        #expect(reloaded["keys_changed"] as? [String] == ["min_age"], "\(reloaded)")
        #expect(reloaded["plugins_added"] as? [String] == ["pricing"])
        #expect(reloaded["plugins_removed"] as? [String] == [])
        #expect(reloaded["plugins_changed"] as? [String] == [])
        #expect(reloaded["model_changed"] as? Bool == false)
        #expect(reloaded["model_version"] as? String == reloaded["previous_model_version"] as? String)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }
}
