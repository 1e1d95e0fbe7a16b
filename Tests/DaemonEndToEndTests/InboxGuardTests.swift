import Foundation
import Glibc
import Testing

/// What keeps a daemon to its own inbox and state, to the inputs the README promises, and its log readable.
extension DaemonEndToEndTests {
    @Test("a second daemon with another lock_file but the same work or state directory refuses to start")
    func stateAndInboxAreLockedWhateverTheLockFile() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1", "lock_file = \"var/first.lock\""])
        try FileManager.default.createDirectory(atPath: tree.path("inbox2"), withIntermediateDirectories: true)
        // The tree's pinned model, like DaemonTree's configuration (the default is the registry's champion).
        try "model = \"var/model.json\"\nmin_age = 0.1\nlock_file = \"var/second.lock\"\n"
            .write(toFile: tree.path("etc/same-inbox.toml"), atomically: true, encoding: .utf8)
        try "model = \"var/model.json\"\nmin_age = 0.1\ninbox = \"inbox2\"\nlock_file = \"lock/third.lock\"\n"
            .write(toFile: tree.path("etc/same-state.toml"), atomically: true, encoding: .utf8)
        let first = try DaemonProcess(in: tree)
        try await first.waitUntilServing()

        for config in ["etc/same-inbox.toml", "etc/same-state.toml"] {
            let second = try DaemonProcess(in: tree, arguments: ["run", "--config", config])
            let status = try await second.waitForExit(timeout: .seconds(30))
            #expect(status == 75, "\(config): a second daemon exits with EX_TEMPFAIL: \(second.log)")
            #expect(second.log.contains("already running"), "\(config): \(second.log)")
        }
        #expect(first.process.isRunning)
        try tree.drop("a.csv", tree.fixture.csv(rows: 10, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(30))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)

        // Once the first has stopped, the other configuration starts.
        let later = try DaemonProcess(in: tree, arguments: ["run", "--once", "--config", "etc/same-state.toml"])
        #expect(try await later.waitForExit(timeout: .seconds(60)) == 0, "\(later.log)")
        tree.remove()
    }

    @Test("names with a line feed or an escape byte are escaped in text logs")
    func controlCharactersInNamesAreEscapedInTextLogs() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1", "log_format = \"text\""])
        try tree.renameIn("evil\nFORGED.csv", tree.fixture.csv(rows: 10, from: 0))
        try tree.renameIn("red\u{1B}[31m.csv", tree.fixture.csv(rows: 10, from: 50))
        try tree.renameIn("bad-columns\u{1B}.csv", "A,B\n1,2\n")
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        // 65: the file without the model's columns failed, as intended.
        #expect(try await daemon.waitForExit(timeout: .seconds(60)) == 65, "\(daemon.log)")
        let log = daemon.log
        let manifests = try tree.manifests()
        #expect(manifests.count == 3, "two scored, one failed: \(log)")
        let failed = try #require(manifests.values.first { $0["outcome"] as? String == "failed" }, "\(log)")
        #expect(failed.inputName == #"bad-columns\x1b.csv"#, "the manifest shows the name escaped")
        let failure = failed["failure"] as? [String: Any]
        #expect(failure?["moved_to"] as? String == #"var/failed/bad-columns\x1b.csv"#, "\(failed)")
        #expect(
            !log.split(separator: "\n").contains { $0.hasPrefix("FORGED") }, "a name cannot forge a log line: \(log)")
        #expect(!log.unicodeScalars.contains("\u{1B}"), "no raw escape byte reaches the terminal: \(log)")
        #expect(log.contains(#"evil\nFORGED.csv"#), "\(log)")
        #expect(log.contains(#"red\x1b[31m.csv"#), "\(log)")
        #expect(log.contains(#"bad-columns\x1b.csv"#), "\(log)")
        let report = try String(
            contentsOfFile: tree.path("var/failed/bad-columns\u{1B}.csv.error.json"), encoding: .utf8)
        #expect(
            report.contains(#""input" : "bad-columns\\x1b.csv""#), "the error file shows the name escaped: \(report)")
        tree.remove()
    }

    @Test("files without .csv, .jsonl or .ndjson are left in the inbox and logged once each")
    func unsupportedExtensionsAreLeftAndLoggedOnce() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1"])
        let csv = tree.fixture.csv(rows: 10, from: 0)
        for name in ["notes.txt", "noext", "report.csv.bak"] {
            try tree.renameIn(name, csv)
        }
        try tree.renameIn("good.CSV", tree.fixture.csv(rows: 10, from: 30))
        try tree.renameIn("lines.ndjson", Self.jsonLines(tree.fixture, rows: 10, from: 60))
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit(timeout: .seconds(60)) == 0, "\(daemon.log)")
        #expect(
            try tree.manifests().values.compactMap(\.inputName).sorted() == ["good.CSV", "lines.ndjson"],
            "\(daemon.log)")
        #expect(tree.names(in: "outbox").contains("lines.scored.jsonl"))
        #expect(tree.names(in: "inbox") == ["noext", "notes.txt", "report.csv.bak"])
        #expect(tree.names(in: "var/failed").isEmpty)
        for name in ["notes.txt", "noext", "report.csv.bak"] {
            let warnings = daemon.log.split(separator: "\n").filter {
                $0.contains("warning") && $0.contains("file=\(name)")
            }
            #expect(warnings.count == 1, "\(name) is logged once: \(daemon.log)")
        }

        // A polling daemon scans the inbox again and again (each later file needs a scan to be found) and still
        // warns once per name.
        try tree.writeConfiguration(["min_age = 0.1", "mode = \"poll\"", "poll_interval = 0.1"])
        let watching = try DaemonProcess(in: tree)
        try await watching.waitUntilServing()
        for index in 0..<3 {
            try tree.renameIn("later-\(index).csv", tree.fixture.csv(rows: 10, from: 90 + 10 * index))
            try await Poll.until("later-\(index).csv is scored", timeout: .seconds(30)) {
                (try? tree.manifests().count) == 3 + index && watching.log.contains("file=later-\(index).csv")
            }
        }
        watching.signal(SIGTERM)
        #expect(try await watching.waitForExit() == 0)
        for name in ["notes.txt", "noext", "report.csv.bak"] {
            let warnings = watching.log.split(separator: "\n").filter {
                $0.contains("warning") && $0.contains("file=\(name)")
            }
            #expect(warnings.count == 1, "\(name) is logged once: \(watching.log)")
        }
        #expect(tree.names(in: "inbox") == ["noext", "notes.txt", "report.csv.bak"])
        tree.remove()
    }

    /// The fixture's rows as JSON objects, one per line (numbers as numbers, empty fields left out).
    static func jsonLines(_ fixture: Fixture, rows count: Int, from start: Int) -> String {
        let columns = fixture.header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var text = ""
        for index in 0..<count {
            let values = fixture.rows[start + index].split(separator: ",", omittingEmptySubsequences: false)
            var fields: [String] = []
            for (column, value) in zip(columns, values) where !value.isEmpty {
                fields.append(column == columns[0] ? "\"\(column)\":\"\(value)\"" : "\"\(column)\":\(value)")
            }
            text += "{" + fields.joined(separator: ",") + "}\n"
        }
        return text
    }
}
