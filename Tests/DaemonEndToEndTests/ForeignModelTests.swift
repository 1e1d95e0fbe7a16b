import Foundation
import SegmentdTestSupport
import Testing

/// A model trained for another pipeline (another id column or other input columns) is refused by `validate` and on
/// reload, where the running model stays; a model trained before an edit of the pipeline file only gets a warning.
extension DaemonEndToEndTests {
    @Test("SIGHUP with a model trained for another id column is rejected and the old model keeps scoring")
    func reloadRejectsAModelOfAnotherPipeline() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let foreign = try trainForeignModel(in: tree)
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let running = try modelVersion(atPath: tree.path("var/model.json"))

        try FileManager.default.removeItem(atPath: tree.path("var/model.json"))
        try FileManager.default.copyItem(atPath: foreign, toPath: tree.path("var/model.json"))
        daemon.signal(SIGHUP)
        try await Poll.until("the reload is answered", timeout: .seconds(30)) {
            daemon.log.contains("reload rejected") || daemon.log.contains("reloaded")
        }
        #expect(daemon.log.contains("reload rejected"), "\(daemon.log)")
        #expect(daemon.log.contains("CUSTOMER"), "the log names the id column that differs: \(daemon.log)")

        try tree.renameIn("cards.csv", tree.fixture.csv(rows: 50, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(30))
        let manifest = try #require(try tree.manifests()["cards.manifest.json"])
        #expect(manifest["model_version"] as? String == running, "the old model scored the file: \(manifest)")
        #expect(tree.names(in: "var/failed").isEmpty, "nothing failed: \(tree.names(in: "var/failed"))")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    @Test("validate reports a model trained for another id column, naming both columns")
    func validateReportsAForeignModel() throws {
        let tree = try DaemonTree()
        let foreign = try trainForeignModel(in: tree)
        let fits = try runSegmentd(["validate"], in: tree)
        #expect(fits.status == 0, "the tree's own model fits: \(fits.stderr)")

        try FileManager.default.removeItem(atPath: tree.path("var/model.json"))
        try FileManager.default.copyItem(atPath: foreign, toPath: tree.path("var/model.json"))
        let refused = try runSegmentd(["validate"], in: tree)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("another pipeline"), "\(refused.stderr)")
        #expect(refused.stderr.contains("'CUSTOMER'") && refused.stderr.contains("'CUST_ID'"), "\(refused.stderr)")
        tree.remove()
    }

    @Test("validate and the daemon accept a model trained before a pipeline edit, warning to retrain")
    func anEditedPipelineOnlyWarns() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let edited = try defaultPipelineText().replacingOccurrences(
            of: "[pca]\nvariance = 0.85", with: "[pca]\ncomponents = 3")
        try #require(edited.contains("components = 3"), "the shipped pipeline has a [pca] table to edit")
        try edited.write(toFile: tree.path("etc/pipeline.toml"), atomically: true, encoding: .utf8)

        let checked = try runSegmentd(["validate"], in: tree)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.contains("warning:") && checked.stderr.contains("retrain"), "\(checked.stderr)")

        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try tree.renameIn("cards.csv", tree.fixture.csv(rows: 50, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(30))
        #expect(daemon.log.contains("retrain"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    /// Trains, in `tree/stage`, a model whose pipeline reads the customer id from `CUSTOMER`; returns its path.
    private func trainForeignModel(in tree: DaemonTree) throws -> String {
        let data = tree.fixture.csv(rows: 2000, from: 0)
        let renamed = data.replacingOccurrences(of: "CUST_ID", with: "CUSTOMER", options: .anchored)
        try renamed.write(toFile: tree.path("stage/foreign.csv"), atomically: true, encoding: .utf8)
        let pipeline = try defaultPipelineText().replacingOccurrences(
            of: "id_column = \"CUST_ID\"", with: "id_column = \"CUSTOMER\"")
        try pipeline.write(toFile: tree.path("stage/foreign.toml"), atomically: true, encoding: .utf8)
        let model = tree.path("stage/foreign-model.json")
        try Fixture.runToEnd(
            [
                "train", tree.path("stage/foreign.csv"), "--pipeline", tree.path("stage/foreign.toml"), "--output",
                model,
            ],
            in: tree.url)
        return model
    }

    /// The shipped `etc/pipeline.toml` of this checkout.
    private func defaultPipelineText() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("etc/pipeline.toml"), encoding: .utf8)
    }

    private func modelVersion(atPath path: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require((object as? [String: Any])?["model_version"] as? String)
    }

    private func runSegmentd(_ arguments: [String], in tree: DaemonTree) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = SegmentdBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = tree.url
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }
}
