import Foundation
import SegmentdTestSupport
import Testing

/// Every input the real daemon takes gets one manifest: scored, duplicate or failed, each valid against
/// etc/manifest.schema.json; a file that is mostly rejects is a failure (`too_many_rejects`).
extension DaemonEndToEndTests {
    /// The repository's root, for etc/manifest.schema.json and scripts/check-manifests.py.
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `count` fixture rows from `start`, each with its second column (BALANCE, a required numeric input) replaced
    /// by text, so the scorer rejects every one of them.
    static func rejectedRows(_ fixture: Fixture, count: Int, from start: Int) -> String {
        (0..<count).map { index in
            var fields = fixture.rows[(start + index) % fixture.rows.count].split(
                separator: ",", omittingEmptySubsequences: false)
            fields[1] = "not-a-number"
            return fields.joined(separator: ",") + "\n"
        }.joined()
    }

    /// Runs scripts/check-manifests.py on the manifests of `tree`'s outbox; returns its status and output.
    static func validateManifests(_ tree: DaemonTree) throws -> (status: Int32, output: String) {
        let copies = tree.path("manifest-copies")
        try FileManager.default.createDirectory(atPath: copies, withIntermediateDirectories: true)
        for name in tree.names(in: "outbox") where name.hasSuffix(".manifest.json") && !name.hasPrefix(".") {
            try FileManager.default.copyItem(atPath: tree.path("outbox/\(name)"), toPath: "\(copies)/\(name)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", repositoryRoot.appendingPathComponent("scripts/check-manifests.py").path, copies,
            repositoryRoot.appendingPathComponent("etc/manifest.schema.json").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test("a file with missing columns gets a failed manifest naming the reason, var/failed/<name> and no outputs")
    func missingColumnsGetAFailedManifest() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        let columns = tree.fixture.header.split(separator: ",")
        try tree.renameIn("missing-columns.csv", columns.prefix(2).joined(separator: ",") + "\n1,2\n")
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 65, "\(once.log)")

        let manifest = try #require(try tree.manifests()["missing-columns.manifest.json"], "\(once.log)")
        #expect(manifest["outcome"] as? String == "failed")
        let failure = try #require(manifest["failure"] as? [String: Any])
        #expect(failure["reason"] as? String == "invalid_input")
        #expect((failure["message"] as? String ?? "").contains("column"), "\(failure)")
        #expect(failure["moved_to"] as? String == "var/failed/missing-columns.csv")
        #expect(failure["error_file"] as? String == "var/failed/missing-columns.csv.error.json")
        #expect((manifest["outputs"] as? [String: Any])?.isEmpty == true)
        #expect(manifest.inputName == "missing-columns.csv")
        #expect(tree.names(in: "var/failed") == ["missing-columns.csv", "missing-columns.csv.error.json"])
        #expect(tree.names(in: "outbox") == ["missing-columns.manifest.json"])
        tree.remove()
    }

    @Test("100 rows all rejected fail with too_many_rejects: rejects published, scored output not, run --once 65")
    func allRowsRejectedIsAFailure() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        let text = tree.fixture.header + "\n" + Self.rejectedRows(tree.fixture, count: 100, from: 0)
        try tree.renameIn("all-bad.csv", text)
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 65, "\(once.log)")
        #expect(once.log.contains("scored 0, duplicates 0, failed 1, deferred 0"), "\(once.log)")

        let manifest = try #require(try tree.manifests()["all-bad.manifest.json"], "\(once.log)")
        #expect(manifest["outcome"] as? String == "failed")
        #expect((manifest["failure"] as? [String: Any])?["reason"] as? String == "too_many_rejects")
        #expect(manifest["rows"] as? [String: Int] == ["read": 100, "scored": 0, "rejected": 100])
        #expect(manifest["outputs"] as? [String: String] == ["rejects": "all-bad.rejects.csv"])
        #expect(tree.names(in: "outbox") == ["all-bad.manifest.json", "all-bad.rejects.csv"])
        #expect(tree.names(in: "var/failed") == ["all-bad.csv", "all-bad.csv.error.json"])
        #expect(tree.names(in: "var/archive").isEmpty)
        tree.remove()
    }

    @Test("a too_many_rejects file commits nothing to the migration history and publishes no migrations artifact")
    func failedFileLeavesPluginStateAlone() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        try Self.enableMigrationPlugin(tree)
        let good = tree.fixture.csv(rows: 30, from: 0)
        try tree.renameIn("mostly-bad.csv", good + Self.rejectedRows(tree.fixture, count: 70, from: 100))
        let first = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await first.waitForExit() == 65, "\(first.log)")
        #expect(!tree.names(in: "outbox").contains { $0.hasPrefix("mostly-bad.migrations") }, "no artifact")
        let failed = try #require(try tree.manifests()["mostly-bad.manifest.json"], "\(first.log)")
        #expect(failed["outputs"] as? [String: String] == ["rejects": "mostly-bad.rejects.csv"])

        // The same 30 customers again: had the failed file committed them, each would have a previous segment.
        try tree.renameIn("again.csv", good)
        let second = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await second.waitForExit() == 0, "\(second.log)")
        let scored = try String(contentsOfFile: tree.path("outbox/again.scored.csv"), encoding: .utf8)
        let lines = scored.split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let column = try #require(header.firstIndex(of: "previous_segment"), "\(header)")
        let previous = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[column] }
        #expect(previous.count == 30)
        #expect(previous.allSatisfy { $0.isEmpty }, "every customer is new to the history: \(previous)")
        tree.remove()
    }

    @Test("40% of rows rejected is scored under the default max_reject_share, logged at warning")
    func fortyPercentRejectedIsScoredWithAWarning() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0", "log_format = \"json\""])
        let good = tree.fixture.csv(rows: 60, from: 200)
        try tree.renameIn("some-bad.csv", good + Self.rejectedRows(tree.fixture, count: 40, from: 300))
        try tree.renameIn("clean.csv", tree.fixture.csv(rows: 20, from: 500))
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 0, "\(once.log)")

        let manifest = try #require(try tree.manifests()["some-bad.manifest.json"], "\(once.log)")
        #expect(manifest["outcome"] as? String == "scored")
        #expect(manifest["rows"] as? [String: Int] == ["read": 100, "scored": 60, "rejected": 40])
        #expect(tree.names(in: "outbox").contains("some-bad.scored.csv"))
        let lines = once.log.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        let scoredLines = lines.filter { $0["message"] as? String == "file scored" }
        let levels = Dictionary(uniqueKeysWithValues: scoredLines.map { ($0["file"] as? String ?? "", $0["level"]) })
        #expect(levels["some-bad.csv"] as? String == "warning", "\(once.log)")
        #expect(levels["clean.csv"] as? String == "info", "\(once.log)")
        tree.remove()
    }

    @Test("a header-only file is scored with 0 rows")
    func headerOnlyFileIsScored() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        try tree.renameIn("header-only.csv", tree.fixture.header + "\n")
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 0, "\(once.log)")

        let manifest = try #require(try tree.manifests()["header-only.manifest.json"], "\(once.log)")
        #expect(manifest["outcome"] as? String == "scored")
        #expect(manifest["rows"] as? [String: Int] == ["read": 0, "scored": 0, "rejected": 0])
        #expect(tree.names(in: "var/archive") == ["header-only.csv"])
        tree.remove()
    }

    @Test("scored, duplicate and failed manifests of the real daemon validate against etc/manifest.schema.json")
    func manifestsOfEveryOutcomeValidate() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        let text = tree.fixture.csv(rows: 30, from: 40) + Self.rejectedRows(tree.fixture, count: 3, from: 80)
        try tree.renameIn("first.csv", text)
        try tree.renameIn("missing-columns.csv", "CUST_ID\n1\n")
        try tree.renameIn(
            "all-bad.csv", tree.fixture.header + "\n" + Self.rejectedRows(tree.fixture, count: 5, from: 0))
        try tree.renameIn("empty.csv", "")
        try FileManager.default.createDirectory(
            atPath: tree.path("inbox/folder.csv"), withIntermediateDirectories: false)
        let first = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await first.waitForExit() == 65, "\(first.log)")
        try tree.renameIn("copy.csv", text)
        let second = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await second.waitForExit() == 0, "\(second.log)")

        let outcomes = try tree.manifests().mapValues { $0["outcome"] as? String ?? "" }
        #expect(
            outcomes == [
                "first.manifest.json": "scored", "copy.manifest.json": "duplicate",
                "missing-columns.manifest.json": "failed", "all-bad.manifest.json": "failed",
                "empty.manifest.json": "failed", "folder.manifest.json": "failed",
            ])
        let (status, output) = try Self.validateManifests(tree)
        #expect(status == 0, "\(output)")
        #expect(output.contains("6 manifests checked"), "\(output)")
        // A scored file compares its rows with the training data; the others have no `drift`.
        let manifests = try tree.manifests()
        let drift = try #require(manifests["first.manifest.json"]?["drift"] as? [String: Any])
        #expect(drift["rows"] as? Int == 30)
        #expect((drift["top_features"] as? [Any])?.count == 5)
        #expect((drift["top_derived_features"] as? [Any])?.count == 4)
        #expect((drift["max_psi"] as? Double) != nil && (drift["max_psi_feature"] as? String) != nil, "\(drift)")
        #expect(manifests.filter { $0.value["drift"] != nil }.keys.sorted() == ["first.manifest.json"])
        // A field the schema does not document fails the check.
        var undocumented = try #require(try tree.manifests()["first.manifest.json"])
        undocumented["surprise"] = 1
        try JSONSerialization.data(withJSONObject: undocumented).write(
            to: URL(fileURLWithPath: tree.path("outbox/undocumented.manifest.json")))
        try FileManager.default.removeItem(atPath: tree.path("manifest-copies"))
        let (rejected, complaint) = try Self.validateManifests(tree)
        #expect(rejected == 1, "\(complaint)")
        #expect(complaint.contains("surprise"), "\(complaint)")
        try FileManager.default.removeItem(atPath: tree.path("outbox/undocumented.manifest.json"))
        tree.remove()
    }
}
