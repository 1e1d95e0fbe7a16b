import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// `segmentd retrain` on the reservoir the real daemon fed, run as the real binary.
@Suite("Retrain from the reservoir", .serialized)
struct RetrainTests {
    @Test("the daemon samples what it scored; retrain registers a challenger whose parent is the champion")
    func retrainRegistersAChallenger() async throws {
        let registry = try RegistryTree(settings: ["min_age = 0.0"])
        let champion = try await registry.train(seed: 31)
        let tree = registry.tree
        for index in 0..<3 {
            try tree.renameIn("day-\(index).csv", tree.fixture.csv(rows: 1500, from: index * 1500))
        }
        // 40 usable rows and 60 rejected: too_many_rejects, so none of its rows may enter the reservoir.
        let bad = tree.fixture.csv(rows: 60, from: 9000).split(separator: "\n").dropFirst().map { row in
            row.split(separator: ",", omittingEmptySubsequences: false).enumerated()
                .map { $0.offset == 1 ? "not-a-number" : String($0.element) }.joined(separator: ",")
        }
        try tree.renameIn(
            "rejects.csv", tree.fixture.csv(rows: 40, from: 9100) + bad.joined(separator: "\n") + "\n")
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit() == 65, "\(daemon.log)")
        #expect(daemon.log.contains("scored 3, duplicates 0, failed 1"), "\(daemon.log)")
        #expect(FileManager.default.fileExists(atPath: registry.path("var/reservoir.sqlite")))

        let output = try await registry.succeed(["retrain", "--label", "r1"]).stdout
        let lines = output.split(separator: "\n").map(String.init)
        // One day of 4,500 scored rows: the day keeps 100,000 / 30 rows, a uniform pick of them.
        let trained = try #require(lines.first { $0.hasPrefix("trained on ") }, "\(output)")
        #expect(trained.contains("rows sampled from \(registry.path("var/reservoir.sqlite"))"), "\(trained)")
        #expect(trained.contains(": 1 day (") && trained.contains("4500 rows scored"), "\(trained)")
        let rowsUsed = try #require(Int(trained.split(separator: " ")[2]), "\(trained)")
        #expect(rowsUsed == 3333 || rowsUsed == 3334, "\(trained)")
        let registered = try #require(lines.first { $0.hasPrefix("registered ") }, "\(output)")
        let challenger = String(registered.split(separator: " ")[1])
        #expect(registered.contains("(r1) as challenger") && registered.contains("parent \(champion)"), "\(registered)")
        #expect(output.contains("segmentd models promote challenger"), "\(output)")
        #expect(output.contains("data: reservoir "), "the model's training data names the reservoir: \(output)")

        #expect(try registry.aliases() == ["champion": champion, "challenger": challenger])
        let listed = try await registry.listed()
        #expect(listed[challenger]?["parent"] as? String == champion)
        #expect(listed[challenger]?["aliases"] as? [String] == ["challenger"])
        #expect(listed[challenger]?["training_rows"] as? Int == rowsUsed)
        let table = try await registry.succeed(["models", "list"]).stdout
        #expect(table.contains(challenger) && table.contains("challenger"), "\(table)")
        registry.remove()
    }

    @Test("retrain exits 66 without a reservoir, 65 when its window has too few rows (--now moves it), 64 on bad --now")
    func retrainRefusesWithoutEnoughRows() async throws {
        let registry = try RegistryTree(settings: ["min_age = 0.0"])
        _ = try await registry.train(seed: 32)
        let missing = try await registry.run(["retrain"])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("no reservoir") && missing.stderr.contains("segmentd run"), "\(missing.stderr)")

        try registry.tree.renameIn("small.csv", registry.tree.fixture.csv(rows: 20, from: 0))
        let daemon = try DaemonProcess(in: registry.tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        let tiny = try await registry.run(["retrain"])
        #expect(tiny.status == 65, "\(tiny.stderr)")
        #expect(tiny.stderr.contains("holds 20 usable rows") && tiny.stderr.contains("at least 50"), "\(tiny.stderr)")
        let past = try await registry.run(["retrain", "--now", "2000-01-01"])
        #expect(past.status == 65 && past.stderr.contains("holds 0 usable rows"), "window of 2000: \(past.stderr)")
        let badTime = try await registry.run(["retrain", "--now", "yesterday"])
        #expect(badTime.status == 64 && badTime.stderr.contains("ISO 8601"), "\(badTime.stderr)")
        #expect(try registry.aliases()?["challenger"] == nil, "nothing registered")
        registry.remove()
    }

    @Test("retrain works beside a running daemon, which goes on scoring and sampling meanwhile")
    func retrainBesideARunningDaemon() async throws {
        let registry = try RegistryTree(settings: ["min_age = 0.0"])
        let champion = try await registry.train(seed: 33)
        let tree = registry.tree
        let daemon = try DaemonProcess(in: tree)
        try tree.renameIn("first.csv", tree.fixture.csv(rows: 800, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(60))
        let feeding = Task {
            for index in 0..<5 {
                try tree.renameIn("more-\(index).csv", tree.fixture.csv(rows: 400, from: 1000 + index * 400))
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let output = try await registry.succeed(["retrain"]).stdout
        try await feeding.value
        try await tree.waitForManifests(6, timeout: .seconds(60))
        #expect(output.contains("as challenger") && output.contains("parent \(champion)"), "\(output)")
        #expect(try registry.aliases()?["champion"] == champion)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        let after = try await registry.succeed(["retrain", "--label", "later"]).stdout
        #expect(after.contains("2800 rows scored"), "every file sampled once: \(after)")
        registry.remove()
    }
}
