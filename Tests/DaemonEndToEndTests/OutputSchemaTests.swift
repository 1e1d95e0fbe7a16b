import Foundation
import SegmentdTestSupport
import Testing

/// One output schema per configuration, checked with the readers a downstream data engineer uses: a day of scored
/// files under one configuration reads as one table in DuckDB (without `union_by_name`), and pandas and polars type
/// every file's columns as `segmentd schema` says, although the files hold different values (whole and fractional
/// discounts, no previous segment at all). Switching a plugin off changes the schema, and the log says how.
extension DaemonEndToEndTests {
    @Test(
        "files under one configuration share the schema `segmentd schema` prints; dropping a plugin changes it, logged"
    )
    func oneSchemaPerConfiguration() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let segments = try segmentNames(of: tree, rows: 400)
        // The segment of the first row gets fractional terms, every other segment whole ones.
        let fractional = segments[0]
        var pricing = "enabled = true\norder = 20\n"
        for name in Set(segments).sorted() {
            let special = name == fractional
            pricing += "[segments.\"\(name)\"]\ndiscount_pct = \(special ? "12.5" : "5.0")\n"
            pricing += "cashback_pct = \(special ? "1.5" : "2.0")\ninstallment_months = 12\n"
        }
        try writeSchemaPlugin(tree, "campaign", "enabled = true\norder = 10\n")
        try writeSchemaPlugin(tree, "pricing", pricing)
        try writeSchemaPlugin(tree, "migration", "enabled = true\norder = 30\n")

        let whole = segments.indices.filter { segments[$0] != fractional }
        let special = segments.indices.filter { segments[$0] == fractional }
        try #require(whole.count >= 30 && special.count >= 12, "the fixture's first 400 rows cover the segments")
        let rows = tree.fixture.rows
        // Sorted by name, the first file has only whole terms: a reader typing by the first file sees them first.
        let files: [(String, [Int])] = [
            ("a-whole.csv", Array(whole[0..<15])),
            ("b-fraction.csv", Array(special[0..<6])),
            ("c-mixed.csv", Array(whole[0..<5]) + Array(special[6..<10]) + Array(whole[15..<20])),
        ]
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        for (name, picked) in files {
            try tree.renameIn(name, ([tree.fixture.header] + picked.map { rows[$0] }).joined(separator: "\n") + "\n")
        }
        // JSONL: a key left out of some records is imputed in those, and the manifest counts it.
        let jsonl = try jsonLines(
            header: tree.fixture.header, rows: (Array(whole[20..<26]) + Array(special[10..<12])).map { rows[$0] },
            leavingOut: "MINIMUM_PAYMENTS", inFirst: 3)
        try tree.renameIn("d-lines.jsonl", jsonl)
        try await tree.waitForManifests(4, timeout: .seconds(60))

        let schema = try SchemaTools.output(["schema", "--config", "etc/segmentd.toml"], in: tree.url)
        try schema.write(toFile: tree.path("schema.json"), atomically: true, encoding: .utf8)
        let digest = try SchemaTools.sha256(schema)
        let manifests = try tree.manifests()
        for (name, manifest) in manifests {
            #expect(manifest["schema_sha256"] as? String == digest, "\(name)")
            let columns = (manifest["schema"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(
                columns == [
                    "segment_id", "segment_name", "confidence", "distance", "model_version", "campaign", "channel",
                    "discount_pct", "cashback_pct", "installment_months", "previous_segment", "migration",
                ], "\(name)")
        }
        let imputed = manifests["d-lines.manifest.json"]?["imputed"] as? [String: Any]
        #expect((imputed?["MINIMUM_PAYMENTS"] as? Int ?? 0) >= 3, "\(String(describing: imputed))")

        let check = try SchemaTools.python(
            [
                SchemaTools.repository.appendingPathComponent("scripts/check-scored-schema.py").path,
                tree.path("schema.json"), tree.path("outbox"),
            ])
        #expect(check.status == 0, "\(check.output)")

        // Pricing off: the next file has another schema, and the log names the columns that went.
        try writeSchemaPlugin(tree, "pricing", "enabled = false\norder = 20\n")
        daemon.signal(SIGHUP)
        try await Poll.until("the reload is applied", timeout: .seconds(20)) {
            daemon.log.contains("reloaded") || daemon.log.contains("reload rejected")
        }
        try tree.renameIn("e-after.csv", tree.fixture.csv(rows: 10, from: 1000))
        try await tree.waitForManifests(5, timeout: .seconds(60))
        let after = try #require(try tree.manifests()["e-after.manifest.json"])
        let newSchema = try SchemaTools.output(["schema", "--config", "etc/segmentd.toml"], in: tree.url)
        let newDigest = try SchemaTools.sha256(newSchema)
        #expect(after["schema_sha256"] as? String == newDigest)
        #expect(after["schema_sha256"] as? String != digest)
        let changed = daemon.log.split(separator: "\n").first { $0.contains("output schema changed") } ?? ""
        #expect(changed.contains("discount_pct,cashback_pct,installment_months"), "\(daemon.log)")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    private func writeSchemaPlugin(_ tree: DaemonTree, _ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try text.write(toFile: tree.path("etc/plugins.d/\(name).toml"), atomically: true, encoding: .utf8)
    }

    /// The segment name of each of the fixture's first `rows` rows, by `segmentd score` with the tree's model.
    private func segmentNames(of tree: DaemonTree, rows: Int) throws -> [String] {
        try tree.fixture.csv(rows: rows, from: 0).write(
            toFile: tree.path("stage/all.csv"), atomically: true, encoding: .utf8)
        try Fixture.runToEnd([
            "score", tree.path("stage/all.csv"), tree.path("stage/all.scored.csv"), "--model",
            tree.path("var/model.json"),
        ])
        let records = CSVText.records(try Data(contentsOf: URL(fileURLWithPath: tree.path("stage/all.scored.csv"))))
        let column = try #require(records.first?.firstIndex(of: "segment_name"))
        try FileManager.default.removeItem(atPath: tree.path("stage/all.csv"))
        try FileManager.default.removeItem(atPath: tree.path("stage/all.scored.csv"))
        try FileManager.default.removeItem(atPath: tree.path("stage/all.scored.rejects.csv"))
        return records.dropFirst().map { $0[column] }
    }

    /// The CSV rows as JSON lines (the id a string, numbers as numbers, an empty field null), `key` left out of the
    /// first `count` records.
    private func jsonLines(header: String, rows: [String], leavingOut key: String, inFirst count: Int) throws -> String
    {
        let names = header.split(separator: ",").map(String.init)
        var text = ""
        for (index, row) in rows.enumerated() {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var members: [String] = []
            for (name, field) in zip(names, fields) where !(name == key && index < count) {
                let value = name == "CUST_ID" ? "\"\(field)\"" : (field.isEmpty ? "null" : field)
                members.append("\"\(name)\":\(value)")
            }
            text += "{" + members.joined(separator: ",") + "}\n"
        }
        return text
    }
}

/// The processes the schema test runs besides the daemon: `segmentd schema`, `sha256sum` and the Python check.
enum SchemaTools {
    /// The checkout this test file is in.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The standard output of `segmentd arguments…` run in `directory`; throws when it fails.
    static func output(_ arguments: [String], in directory: URL) throws -> String {
        let result = try run(SegmentdBinary.url, arguments, in: directory)
        guard result.status == 0 else {
            throw FixtureError(message: "segmentd \(arguments.joined(separator: " ")): \(result.output)")
        }
        return result.stdout
    }

    /// SHA-256 of `text`'s UTF-8 bytes, lowercase hex, by `sha256sum`.
    static func sha256(_ text: String) throws -> String {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString)")
        try text.write(to: input, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [input.path], in: nil)
        return String(result.stdout.prefix(64))
    }

    /// Runs a Python script with the test tools (`scripts/test-tools.sh`): the checkout's `.build/test-venv` when it
    /// exists, else `python3` on PATH (which `scripts/test.sh` points at that environment).
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let venv = repository.appendingPathComponent(".build/test-venv/bin/python3")
        let result =
            FileManager.default.isExecutableFile(atPath: venv.path)
            ? try run(venv, arguments, in: nil)
            : try run(URL(fileURLWithPath: "/usr/bin/env"), ["python3"] + arguments, in: nil)
        return (result.status, result.output)
    }

    private static func run(_ executable: URL, _ arguments: [String], in directory: URL?) throws -> (
        status: Int32, stdout: String, output: String
    ) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let errors = Data(stderr.fileHandleForReading.readDataToEndOfFile())
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        return (process.terminationStatus, text, text + String(decoding: errors, as: UTF8.self))
    }
}
