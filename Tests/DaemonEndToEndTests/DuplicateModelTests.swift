import Foundation
import Testing

/// A duplicate's manifest says which model produced the result it points at, and whether that is the current one.
extension DaemonEndToEndTests {
    @Test("a duplicate recognised after a model change names the older model of the earlier result")
    func duplicateAfterModelChangeNamesTheOlderModel() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let other = tree.path("stage/other-model.json")
        try Fixture.runToEnd(["generate", "--rows", "3000", "--seed", "77", tree.path("stage/other.csv")])
        try Fixture.runToEnd(["train", tree.path("stage/other.csv"), "--output", other])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let text = tree.fixture.csv(rows: 25, from: 1000)
        try tree.renameIn("first.csv", text)
        try await tree.waitForManifests(1, timeout: .seconds(30))
        try tree.renameIn("same-model.csv", text)
        try await tree.waitForManifests(2, timeout: .seconds(30))

        let first = try #require(try tree.manifests()["first.manifest.json"])
        let oldModel = try #require(first["model_version"] as? String)
        let sameModel = try #require(try tree.manifests()["same-model.manifest.json"])
        let sameOriginal = try #require(sameModel["duplicate_of"] as? [String: Any])
        #expect(sameOriginal["model_version"] as? String == oldModel)
        #expect(sameOriginal["same_model"] as? Bool == true)

        try FileManager.default.removeItem(atPath: tree.path("var/model.json"))
        try FileManager.default.copyItem(atPath: other, toPath: tree.path("var/model.json"))
        daemon.signal(SIGHUP)
        try await Poll.until("the new model is loaded", timeout: .seconds(30)) {
            daemon.log.contains("reloaded") || daemon.log.contains("reload rejected")
        }
        try tree.renameIn("new-model.csv", text)
        try await tree.waitForManifests(3, timeout: .seconds(30))

        let duplicate = try #require(try tree.manifests()["new-model.manifest.json"])
        let newModel = try #require(duplicate["model_version"] as? String)
        #expect(newModel != oldModel, "the test needs a second model")
        #expect(duplicate["outcome"] as? String == "duplicate")
        let original = try #require(duplicate["duplicate_of"] as? [String: Any])
        #expect(original["input"] as? String == "first.csv")
        #expect(original["model_version"] as? String == oldModel, "the model that produced the earlier result")
        #expect(original["same_model"] as? Bool == false)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }
}
