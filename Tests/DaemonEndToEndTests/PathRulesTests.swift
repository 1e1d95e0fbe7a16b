import Foundation
import SegmentdTestSupport
import Testing

/// One source of truth for paths and models (README "Paths: one base directory"), through the real binary run from
/// another directory than the tree.
extension DaemonEndToEndTests {
    @Test("validate --config <absolute> run from / checks the configured tree and prints absolute paths")
    func validateFromAnotherDirectory() throws {
        let tree = try DaemonTree()
        let config = tree.path("etc/segmentd.toml")
        let valid = try runCommand(["validate", "--config", config], from: "/")
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.contains("base directory: \(tree.url.path)"), "\(valid.stdout)")

        try FileManager.default.removeItem(atPath: tree.path("inbox"))
        let invalid = try runCommand(["validate", "--config", config], from: "/")
        #expect(invalid.status == 78, "\(invalid.stderr)")
        #expect(invalid.stderr.contains("'\(tree.path("inbox"))' does not exist"), "\(invalid.stderr)")
        tree.remove()
    }

    @Test("validate lists three wrong keys of one file and a directory problem in one run")
    func validateListsEveryProblem() throws {
        let tree = try DaemonTree(settings: [
            "workres = 2", "min_ag = 1", "mode = \"pol\"", "outbox = \"no-such-outbox\"",
            "plugins_dir = \"etc/nope.d\"",
        ])
        let config = tree.path("etc/segmentd.toml")
        let result = try runCommand(["validate"], from: tree.url.path)
        #expect(result.status == 78)
        for expected in [
            "\(config):1:1: workres: unknown key", "did you mean \"workers\"", "\(config):2:1: min_ag: unknown key",
            "did you mean \"min_age\"", "\(config):3:", "'\(tree.path("no-such-outbox"))' does not exist",
            "plugins directory does not exist",
        ] {
            #expect(result.stderr.contains(expected), "missing \(expected): \(result.stderr)")
        }
        tree.remove()
    }

    @Test("validate lists every wrong host key of a plugin file (enabled, order, on_error) in one run")
    func validateListsEveryPluginHostKeyProblem() throws {
        let tree = try DaemonTree(settings: [])
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        let file = tree.path("etc/plugins.d/pricing.toml")
        try "enabled = \"yes\"\norder = \"x\"\non_error = \"explode\"\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let result = try runCommand(["validate"], from: tree.url.path)
        #expect(result.status == 78)
        for expected in ["\(file):1:1: enabled:", "\(file):2:1: order:", "\(file):3:1: on_error:"] {
            #expect(result.stderr.contains(expected), "missing \(expected): \(result.stderr)")
        }
        tree.remove()
    }

    @Test("train, inspect and score without paths use the model and pipeline the configuration names")
    func commandsUseTheConfiguredFiles() throws {
        let tree = try DaemonTree(settings: [
            "model = \"registry:champion\"", "pipeline = \"etc/three.toml\"",
        ])
        let pipeline = try Self.shippedPipelineText().replacingOccurrences(of: "\nk = 5 ", with: "\nk = 3 ")
        try #require(pipeline.contains("\nk = 3 "), "the shipped pipeline sets k = 5")
        try pipeline.write(toFile: tree.path("etc/three.toml"), atomically: true, encoding: .utf8)
        try tree.fixture.csv(rows: 3000, from: 0).write(
            toFile: tree.path("stage/train.csv"), atomically: true, encoding: .utf8)
        let config = tree.path("etc/segmentd.toml")

        let trained = try runCommand(["train", tree.path("stage/train.csv"), "--config", config], from: "/")
        #expect(trained.status == 0, "\(trained.stderr)")
        let aliases =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: tree.path("var/models/aliases.json")))) as? [String: Any]
        let champion = try #require(aliases?["champion"] as? String, "the first model registered is champion")
        let model =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: tree.path("var/models/\(champion).json"))))
            as? [String: Any]
        #expect((model?["segments"] as? [Any])?.count == 3, "trained with etc/three.toml")

        let inspected = try runCommand(["inspect", "--json"], from: tree.url.path)
        #expect(inspected.status == 0, "\(inspected.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(inspected.stdout.utf8)) as? [String: Any]
        #expect((document?["segments"] as? [Any])?.count == 3, "inspect read the registry's champion")

        try tree.fixture.csv(rows: 20, from: 5).write(
            toFile: tree.path("stage/in.csv"), atomically: true, encoding: .utf8)
        let scored = try runCommand(
            ["score", tree.path("stage/in.csv"), tree.path("stage/out.csv"), "--config", config], from: "/")
        #expect(scored.status == 0, "\(scored.stderr)")
        let segments = try String(contentsOfFile: tree.path("stage/out.csv"), encoding: .utf8)
        #expect(segments.split(separator: "\n").count == 21)
        tree.remove()
    }

    @Test("editing pipeline.toml or segments.toml makes validate say retrain to apply; config_sha256 stays")
    func pipelineEditIsATrainingInput() throws {
        let tree = try DaemonTree()
        try tree.renameIn("a.csv", tree.fixture.csv(rows: 30, from: 0))
        let first = try runCommand(["run", "--once"], from: tree.url.path)
        #expect(first.status == 0, "\(first.stderr)")

        let edited = try Self.shippedPipelineText().replacingOccurrences(
            of: "[pca]\nvariance = 0.85", with: "[pca]\ncomponents = 3")
        try #require(edited.contains("components = 3"), "the shipped pipeline has a [pca] table to edit")
        try edited.write(toFile: tree.path("etc/pipeline.toml"), atomically: true, encoding: .utf8)
        let checked = try runCommand(["validate"], from: tree.url.path)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("retrain to apply"), "\(checked.stderr)")
        #expect(checked.stderr.contains(tree.path("etc/pipeline.toml")), "\(checked.stderr)")

        let segments = try Self.shippedText("etc/segments.toml").replacingOccurrences(
            of: "description = \"Heavy spenders", with: "description = \"Big spenders")
        try segments.write(toFile: tree.path("etc/segments.toml"), atomically: true, encoding: .utf8)
        let renamed = try runCommand(["validate"], from: tree.url.path)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(
            renamed.stderr.contains("\(tree.path("etc/segments.toml")) (it differs in the archetype \"Big Tickets\")"),
            "\(renamed.stderr)")

        try tree.renameIn("b.csv", tree.fixture.csv(rows: 30, from: 100))
        let second = try runCommand(["run", "--once"], from: tree.url.path)
        #expect(second.status == 0, "\(second.stderr)")
        let manifests = try tree.manifests()
        let hashes = ["a.manifest.json", "b.manifest.json"].map { manifests[$0]?["config_sha256"] as? String }
        #expect(hashes[0] != nil && hashes[0] == hashes[1], "\(hashes)")
        tree.remove()
    }

    /// Runs `segmentd arguments…` with `directory` as its working directory; status, stdout and stderr. Both go to
    /// files, so neither can fill a pipe and stall the child.
    private func runCommand(
        _ arguments: [String], from directory: String
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("out").path
        let errPath = scratch.appendingPathComponent("err").path
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let process = Process()
        process.executableURL = SegmentdBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
        process.waitUntilExit()
        return (
            process.terminationStatus, try String(contentsOfFile: outPath, encoding: .utf8),
            try String(contentsOfFile: errPath, encoding: .utf8)
        )
    }

    /// The shipped `etc/pipeline.toml` of this checkout.
    private static func shippedPipelineText() throws -> String {
        try shippedText("etc/pipeline.toml")
    }

    /// A shipped file of this checkout, by its path from the package root.
    private static func shippedText(_ relative: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }
}
