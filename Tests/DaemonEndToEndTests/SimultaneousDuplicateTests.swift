import Foundation
import SegmentdTestSupport
import Testing

/// Copies of the same content arriving together: exactly one is scored, the others are duplicates of it that publish
/// nothing and leave no plugin state, with one worker or several.
extension DaemonEndToEndTests {
    @Test("ten copies of one file renamed in together: one is scored, nine are duplicates of it", arguments: [1, 4])
    func simultaneousCopiesAreScoredOnce(workers: Int) async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2", "workers = \(workers)"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let names = (0..<10).map { "copy-\($0).csv" }
        try tree.renameInTogether(names, tree.fixture.csv(rows: 30, from: 300))

        try await tree.waitForManifests(names.count, timeout: .seconds(90))

        let manifests = try tree.manifests()
        let scored = manifests.values.filter { $0["outcome"] as? String == "scored" }
        let duplicates = manifests.values.filter { $0["outcome"] as? String == "duplicate" }
        #expect(scored.count == 1, "outcomes: \(manifests.mapValues { $0["outcome"] ?? "?" })")
        #expect(duplicates.count == 9)
        let winner = try #require(scored.first?.inputName)
        for duplicate in duplicates {
            let original = duplicate["duplicate_of"] as? [String: Any]
            #expect(original?["input"] as? String == winner, "every duplicate points at the one scored")
        }
        let outbox = tree.names(in: "outbox")
        #expect(
            outbox.filter { $0.hasSuffix(".scored.csv") } == [
                winner.replacingOccurrences(of: ".csv", with: ".scored.csv")
            ])
        #expect(outbox.filter { $0.hasPrefix(".") }.isEmpty, "no temporaries left: \(outbox)")
        #expect(daemon.log.components(separatedBy: "file scored").count - 1 == 1)
        #expect(tree.names(in: "var/archive") == names)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    @Test("two identical 50,000-row files dropped together with the migration plugin: one scored, no migration replay")
    func identicalLargeFilesWithMigrationAreScoredOnce() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2", "workers = 4"])
        try tree.enablePlugin("migration")
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try tree.renameInTogether(["left.csv", "right.csv"], tree.fixture.csv(rows: 50_000, from: 0))

        try await tree.waitForManifests(2, timeout: .seconds(180))

        let manifests = try tree.manifests()
        let outcomes = manifests.values.compactMap { $0["outcome"] as? String }.sorted()
        #expect(outcomes == ["duplicate", "scored"])
        let scored = try #require(manifests.values.first { $0["outcome"] as? String == "scored" })
        let plugins = (scored["plugins"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(plugins == ["migration"], "the scored copy went through the migration plugin")
        #expect(!daemon.log.contains("replays an input committed before"), "the losing copy committed no plugin state")
        let outbox = tree.names(in: "outbox")
        #expect(outbox.filter { $0.hasSuffix(".scored.csv") }.count == 1)
        #expect(outbox.filter { $0.hasPrefix(".") }.isEmpty, "no temporaries left: \(outbox)")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }
}

extension DaemonTree {
    /// Writes `text` under every one of `names` in `stage/`, then renames them all into the inbox in a row, so they
    /// arrive together.
    func renameInTogether(_ names: [String], _ text: String) throws {
        let bytes = Data(text.utf8)
        for name in names {
            try bytes.writeCloseOnExec(toFile: path("stage/\(name)"))
        }
        for name in names {
            try FileManager.default.moveItem(atPath: path("stage/\(name)"), toPath: path("inbox/\(name)"))
        }
    }

    /// Writes `etc/plugins.d/<name>.toml` enabling the built-in plugin `name` with its defaults.
    func enablePlugin(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(toFile: path("etc/plugins.d/\(name).toml"), atomically: true, encoding: .utf8)
    }
}
