import Foundation
import SegmentdTestSupport
import Testing

/// The migration monitor through the real daemon and registry: after a promotion, customer moves are reported only
/// when the new champion is of the lineage (`train --previous`) of the model that gave the stored segments.
@Suite("Model registry: migration across models", .serialized)
struct LineageMigrationTests {
    /// The migration plugin's metrics in the manifest of `stem`.
    static func migration(_ tree: DaemonTree, _ stem: String) throws -> [String: Double] {
        let manifest = try #require(try tree.manifests()["\(stem).manifest.json"], "\(stem) has a manifest")
        let plugins = try #require(manifest["plugins"] as? [[String: Any]])
        let entry = try #require(plugins.first { $0["name"] as? String == "migration" }, "\(plugins)")
        return try #require(entry["metrics"] as? [String: Double], "\(entry)")
    }

    @Test("a champion trained apart sees every known customer as new; one trained with --previous reports moves")
    func movesOnlyWithinOneLineage() async throws {
        let registry = try RegistryTree(settings: ["min_age = 0.0"])
        let tree = registry.tree
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(
            toFile: tree.path("etc/plugins.d/migration.toml"), atomically: true, encoding: .utf8)
        _ = try await registry.train(seed: 31)
        let rows = 400
        // Each file has the customers of the one before and one more, so its content is new (no duplicate).
        func process(_ stem: String, extra: Int) async throws {
            try tree.renameIn("\(stem).csv", tree.fixture.csv(rows: rows + extra, from: 0))
            let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
            #expect(try await once.waitForExit(timeout: .seconds(120)) == 0, "\(once.log)")
        }
        try await process("first", extra: 0)
        #expect(try Self.migration(tree, "first")["new"] == Double(rows))

        // Trained apart: its segment ids were never matched to the first model's.
        let apart = try await registry.train(seed: 32)
        try await registry.succeed(["models", "promote", apart])
        try await process("apart", extra: 1)
        let afterApart = try Self.migration(tree, "apart")
        #expect(afterApart["new"] == Double(rows + 1), "\(afterApart)")
        #expect(afterApart["moves"] == 0, "\(afterApart)")

        // Trained with --previous champion: the same lineage, so the same customers are known and compared.
        let next = try await registry.train(seed: 33, ["--previous", "champion"])
        try await registry.succeed(["models", "promote", next])
        try await process("next", extra: 2)
        let afterNext = try Self.migration(tree, "next")
        #expect(afterNext["new"] == 1, "only the customer added by this file: \(afterNext)")
        #expect((afterNext["same"] ?? 0) > 0, "\(afterNext)")
        registry.remove()
    }
}
