import Foundation
import SegmentdTestSupport
import Testing

/// Enabling, disabling and reordering plugins in `etc/plugins.d/` takes effect on the next file after SIGHUP.
extension DaemonEndToEndTests {
    @Test("SIGHUP applies enabling, disabling and reordering plugins to the next file")
    func pluginChangesApplyAfterReload() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        try writePlugin(tree, "campaign", "enabled = true\norder = 10\n")
        try writePlugin(tree, "pricing", "enabled = false\norder = 20\n")
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try tree.renameIn("a.csv", tree.fixture.csv(rows: 20, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(30))
        #expect(try header(tree, "a").hasSuffix(",model_version,campaign,channel"))

        try writePlugin(tree, "pricing", "enabled = true\norder = 5\n")
        try await reload(daemon, count: 1)
        try tree.renameIn("b.csv", tree.fixture.csv(rows: 20, from: 100))
        try await tree.waitForManifests(2, timeout: .seconds(30))
        #expect(
            try header(tree, "b").hasSuffix(
                ",model_version,discount_pct,cashback_pct,installment_months,campaign,channel"))

        try writePlugin(tree, "campaign", "enabled = false\norder = 10\n")
        try await reload(daemon, count: 2)
        try tree.renameIn("c.csv", tree.fixture.csv(rows: 20, from: 200))
        try await tree.waitForManifests(3, timeout: .seconds(30))
        #expect(try header(tree, "c").hasSuffix(",model_version,discount_pct,cashback_pct,installment_months"))

        let manifests = try tree.manifests()
        let ran = manifests.mapValues { ($0["plugins"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
        #expect(
            ran == [
                "a.manifest.json": ["campaign"], "b.manifest.json": ["pricing", "campaign"],
                "c.manifest.json": ["pricing"],
            ])
        let hashes = Set(manifests.values.compactMap { $0["config_sha256"] as? String })
        #expect(hashes.count == 3, "each plugin configuration gives its own config_sha256")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    private func writePlugin(_ tree: DaemonTree, _ name: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try text.write(toFile: tree.path("etc/plugins.d/\(name).toml"), atomically: true, encoding: .utf8)
    }

    private func header(_ tree: DaemonTree, _ stem: String) throws -> String {
        let text = try String(contentsOfFile: tree.path("outbox/\(stem).scored.csv"), encoding: .utf8)
        return String(text.prefix { $0 != "\n" })
    }

    /// Sends SIGHUP and waits until the daemon logged its `count`-th successful reload.
    private func reload(_ daemon: DaemonProcess, count: Int) async throws {
        daemon.signal(SIGHUP)
        try await Poll.until("reload \(count) is applied", timeout: .seconds(20)) {
            daemon.log.components(separatedBy: "reloaded").count - 1 >= count || daemon.log.contains("reload rejected")
        }
        #expect(!daemon.log.contains("reload rejected"), "\(daemon.log)")
    }
}
