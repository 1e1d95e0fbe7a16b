import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// A damaged `aliases.json` is not an unset champion: the daemon and `serve` keep scoring with the model they run,
/// warn once (not every tick), and follow the alias again once the file is repaired.
@Suite("Model registry: a damaged alias file", .serialized)
struct DamagedAliasFileTests {
    static let warning = "cannot read the model source; scoring stays on"

    @Test("the daemon warns once about a damaged alias file, keeps its model, and follows the repaired file")
    func daemonWarnsOnceAndKeepsItsModel() async throws {
        let registry = try RegistryTree(settings: ["min_age = 0.0"])
        let first = try await registry.train(seed: 21)
        let second = try await registry.train(seed: 22)
        let daemon = try DaemonProcess(in: registry.tree)
        let base = try await daemon.httpBase()
        let tree = registry.tree

        try Data("{\"champion\": ".utf8).write(to: URL(fileURLWithPath: registry.path("var/models/aliases.json")))
        try await Poll.until("the daemon warns about the alias file", timeout: .seconds(20)) {
            daemon.log.contains(Self.warning)
        }
        #expect(daemon.log.contains("\(Self.warning) \(first)"), "\(daemon.log)")
        #expect(daemon.log.contains("aliases.json"), "the warning names the file: \(daemon.log)")
        // A file scored after the warning proves ticks went by; the model stayed and the warning was not repeated.
        try tree.renameIn("during.csv", tree.fixture.csv(rows: 50, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(60))
        #expect(try tree.manifests()["during.manifest.json"]?["model_version"] as? String == first)
        #expect(daemon.log.components(separatedBy: Self.warning).count == 2, "warned once: \(daemon.log)")

        try Data("{\"champion\": \"\(second)\", \"previous\": \"\(first)\"}\n".utf8)
            .write(to: URL(fileURLWithPath: registry.path("var/models/aliases.json")))
        try await Poll.until("the daemon follows the repaired alias file", timeout: .seconds(20)) {
            (try? Curl.request("\(base)/v1/status").json["model_version"] as? String) == second
        }
        #expect(daemon.log.contains("the model source can be read again; it names \(second)"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        registry.remove()
    }

    @Test("serve warns once about a damaged alias file, keeps answering with its model, follows the repaired file")
    func serveWarnsOnceAndKeepsItsModel() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 23)
        let second = try await registry.train(seed: 24)
        let server = try DaemonProcess(in: registry.tree, arguments: ["serve"])
        let base = try await server.httpBase()
        try await Poll.until("serve answers with the champion", timeout: .seconds(20)) {
            (try? Curl.request("\(base)/v1/model").json["model_version"] as? String) == first
        }
        try Data("[]".utf8).write(to: URL(fileURLWithPath: registry.path("var/models/aliases.json")))
        try await Poll.until("serve warns about the alias file", timeout: .seconds(20)) {
            server.log.contains(Self.warning)
        }
        #expect(try Curl.request("\(base)/readyz").status == 200)
        #expect(try Curl.request("\(base)/v1/model").json["model_version"] as? String == first)
        try Data("{\"champion\": \"\(second)\"}".utf8)
            .write(to: URL(fileURLWithPath: registry.path("var/models/aliases.json")))
        try await Poll.until("serve follows the repaired alias file", timeout: .seconds(20)) {
            (try? Curl.request("\(base)/v1/model").json["model_version"] as? String) == second
        }
        #expect(server.log.components(separatedBy: Self.warning).count == 2, "warned once: \(server.log)")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0, "\(server.log)")
        registry.remove()
    }
}
