import Foundation
import SegmentdTestSupport
import Testing

/// The migration monitor through the real daemon: customers who move between two files are reported, and
/// `kill -9` while the second file is processed, then a restart, gives exactly the outputs of a crash-free run —
/// no false migrations from a half-recorded file.
extension DaemonEndToEndTests {
    @Test("migration: moves between two files are reported, and kill -9 mid-file replays without false migrations")
    func migrationSurvivesKillNineWithoutFalseMigrations() async throws {
        let settings = ["min_age = 0.1"]
        let reference = try DaemonTree(settings: settings)
        let monday = reference.fixture.csv(rows: 20_000, from: 0)
        let tuesday = Self.movedCustomers(reference.fixture, shifts: [7, 13, 29, 31])
        try enableMigration(reference)
        try await processOnce(reference, "monday.csv", monday)
        try await processOnce(reference, "tuesday.csv", tuesday)
        let expected = try OutboxSnapshot(reference)
        let moves = String(decoding: expected.files["tuesday.migrations.jsonl"] ?? Data(), as: UTF8.self)
        #expect(moves.contains("\"direction\":\"downgrade\"") && moves.contains("\"direction\":\"upgrade\""))
        #expect(
            !(expected.files["monday.migrations.jsonl"].map { !$0.isEmpty } ?? false), "monday has only new customers")

        let tree = try DaemonTree(settings: settings)
        try enableMigration(tree)
        try await processOnce(tree, "monday.csv", monday)
        try tree.renameIn("tuesday.csv", tuesday)
        var random = SeededGenerator(seed: 4_2026)
        for kill in 0..<6 {
            let daemon = try DaemonProcess(in: tree)
            try await Task.sleep(for: .milliseconds(Int.random(in: 30...600, using: &random)))
            try await daemon.killNine()
            let snapshot = try OutboxSnapshot(tree)
            #expect(
                snapshot.isConsistentPart(of: expected),
                "after kill \(kill + 1): \(snapshot.differences(from: expected))")
        }
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try await tree.waitForManifests(2, timeout: .seconds(120))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)

        let final = try OutboxSnapshot(tree)
        #expect(final.names == expected.names)
        #expect(final.isConsistentPart(of: expected), "\(final.differences(from: expected))")
        reference.remove()
        tree.remove()
    }

    /// Four blocks of the first 20,000 customers, each customer carrying the values of another customer
    /// (`index + shift`), so many of them change segment from block to block.
    private static func movedCustomers(_ fixture: Fixture, shifts: [Int]) -> String {
        var text = fixture.header + "\n"
        for shift in shifts {
            for index in 0..<20_000 {
                let own = fixture.rows[index]
                let other = fixture.rows[(index + shift) % 20_000]
                let id = own.prefix { $0 != "," }
                text += id + other.drop { $0 != "," } + "\n"
            }
        }
        return text
    }

    private func enableMigration(_ tree: DaemonTree) throws {
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(
            toFile: tree.path("etc/plugins.d/migration.toml"), atomically: true, encoding: .utf8)
    }

    private func processOnce(_ tree: DaemonTree, _ name: String, _ text: String) async throws {
        try tree.renameIn(name, text)
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit(timeout: .seconds(120)) == 0, "\(once.log)")
    }
}
