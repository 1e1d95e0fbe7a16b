import Foundation
import Testing

/// Faults of the daemon's environment keep the inputs.
extension DaemonEndToEndTests {
    @Test("a corrupt var/migration.sqlite defers the file and keeps it; after the database is replaced it is scored")
    func corruptMigrationDatabaseDefersAndKeepsTheInput() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2", "outbox_retry_interval = 0.2"])
        try tree.enablePlugin("migration")
        let garbage = String(repeating: "this is not an SQLite database\n", count: 200)
        try garbage.write(toFile: tree.path("var/migration.sqlite"), atomically: false, encoding: .utf8)
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try tree.renameIn("kept.csv", tree.fixture.csv(rows: 20, from: 40))

        try await Poll.until("the file is deferred or failed", timeout: .seconds(60)) {
            daemon.log.contains("file deferred") || daemon.log.contains("file failed")
        }
        #expect(tree.names(in: "var/failed").isEmpty, "an environment fault must not fail the input")
        #expect(tree.names(in: "var/work") + tree.names(in: "inbox") == ["kept.csv"], "the input is kept")
        let deferral = daemon.log.split(separator: "\n").first { $0.contains("file deferred") } ?? ""
        #expect(deferral.contains("migration.sqlite"), "the log names the database: \(deferral)")
        #expect(tree.manifestCount == 0)

        // Replaced by a fresh history: the plugin creates it on the next commit.
        try FileManager.default.removeItem(atPath: tree.path("var/migration.sqlite"))
        try await tree.waitForManifests(1, timeout: .seconds(60))
        let manifest = try #require(try tree.manifests()["kept.manifest.json"])
        #expect(manifest["outcome"] as? String == "scored")
        #expect(tree.names(in: "var/failed").isEmpty)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }
}
