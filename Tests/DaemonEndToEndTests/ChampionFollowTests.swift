import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// The daemon and `serve` follow `registry:champion` without a restart, and a promotion survives `kill -9`.
@Suite("Model registry: following the champion", .serialized)
struct ChampionFollowTests {
    @Test("promote and rollback while files flow: each file is scored by one whole model, its manifest names it")
    func promoteWhileFilesFlow() async throws {
        let registry = try RegistryTree(settings: ["min_age = 0.0"])
        let first = try await registry.train(seed: 11)
        let second = try await registry.train(seed: 12)
        let daemon = try DaemonProcess(in: registry.tree)
        let base = try await daemon.httpBase()
        let tree = registry.tree
        let count = 40
        let dropping = Task {
            for index in 0..<count {
                try tree.renameIn(
                    String(format: "flow-%02d.csv", index), tree.fixture.csv(rows: 400, from: index * 400))
                try await Task.sleep(for: .milliseconds(25))
            }
        }
        for step in 0..<8 {
            try await Task.sleep(for: .milliseconds(120))
            try await registry.succeed(step % 2 == 0 ? ["models", "promote", second] : ["models", "rollback"])
        }
        try await dropping.value
        try await tree.waitForManifests(count, timeout: .seconds(120))

        // After each move of the alias, the daemon reports the new champion, and the next file is scored with it.
        for (index, (command, expected)) in [
            (["models", "promote", second], second), (["models", "rollback"], first),
        ]
        .enumerated() {
            try await registry.succeed(command)
            try await Poll.until("the daemon scores with \(expected)", timeout: .seconds(20)) {
                (try? Curl.request("\(base)/v1/status").json["model_version"] as? String) == expected
            }
            let metrics = try Curl.request("\(base)/metrics").text
            #expect(metrics.contains("segmentd_model_info{version=\"\(expected)\"} 1"), "\(metrics)")
            try tree.renameIn("after-\(index).csv", tree.fixture.csv(rows: 50, from: 9000 + index * 50))
            try await tree.waitForManifests(count + index + 1, timeout: .seconds(60))
            #expect(try tree.manifests()["after-\(index).manifest.json"]?["model_version"] as? String == expected)
        }

        var versions = Set<String>()
        for (name, manifest) in try tree.manifests() {
            let version = try #require(manifest["model_version"] as? String, "\(name)")
            #expect(version == first || version == second, "\(name): \(version)")
            versions.insert(version)
            let scored = try #require((manifest["outputs"] as? [String: Any])?["scored"] as? String, "\(name)")
            let rows = try String(contentsOfFile: tree.path("outbox/\(scored)"), encoding: .utf8)
                .split(separator: "\n").dropFirst()
            let rowVersions = Set(rows.map { $0.split(separator: ",").last.map(String.init) ?? "" })
            #expect(rowVersions == [version], "\(name): every row scored by the manifest's model, got \(rowVersions)")
        }
        #expect(versions == [first, second])
        #expect(daemon.log.contains("model source moved: loading \(second) (was \(first))"), "\(daemon.log)")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        tree.remove()
    }

    @Test("serve loads the first champion, then answers with the new model_version after a promote, without SIGHUP")
    func serveFollowsTheChampion() async throws {
        let registry = try RegistryTree()
        let server = try DaemonProcess(in: registry.tree, arguments: ["serve"])
        let base = try await server.httpBase()
        #expect(try Curl.request("\(base)/readyz").status == 503, "no champion yet")
        let first = try await registry.train(seed: 13)
        try await Poll.until("serve answers with the first champion", timeout: .seconds(20)) {
            (try? Curl.request("\(base)/v1/model").json["model_version"] as? String) == first
        }
        #expect(try Curl.request("\(base)/readyz").status == 200)
        let second = try await registry.train(seed: 14)
        for (command, expected) in [(["models", "promote", second], second), (["models", "rollback"], first)] {
            try await registry.succeed(command)
            try await Poll.until("serve answers with \(expected)", timeout: .seconds(20)) {
                (try? Curl.request("\(base)/v1/model").json["model_version"] as? String) == expected
            }
            let metrics = try Curl.request("\(base)/metrics").text
            #expect(metrics.contains("segmentd_model_info{version=\"\(expected)\"} 1"), "\(metrics)")
        }
        #expect(server.log.contains("model source moved: loading \(second) (was \(first))"), "\(server.log)")
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0, "\(server.log)")
        registry.remove()
    }

    @Test("kill -9 between the steps of a promote leaves the old or the new champion, never neither")
    func killedAtEachStepOfAPromote() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 15)
        let second = try await registry.train(seed: 16)
        for (step, expected) in [("before-rename", first), ("after-rename", second)] {
            try await registry.succeed(["models", "promote", first])
            let promote = try DaemonProcess(
                in: registry.tree, arguments: ["models", "promote", second],
                environment: ["SEGMENTD_TEST_PAUSE_AT": step])
            try await Poll.until("promote pauses at \(step)", timeout: .seconds(20)) {
                promote.log.contains("paused at \(step)") || !promote.process.isRunning
            }
            try #require(promote.process.isRunning, "\(promote.log)")
            try await promote.killNine()
            #expect(try registry.aliases()?["champion"] == expected, "killed at \(step)")
            let listed = try await registry.listed()
            #expect(listed[expected]?["aliases"] as? [String] == ["champion"], "killed at \(step)")
        }
        _ = try await registry.succeed(["models", "promote", second])
        #expect(try registry.aliases()?["champion"] == second, "a promote after the kills works")
        registry.remove()
    }

    @Test("kill -9 at random moments of promotes: the alias file always names one of the two champions")
    func killedAtRandomMoments() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 17)
        let second = try await registry.train(seed: 18)
        var random = SeededGenerator(seed: 20_261_206)
        for attempt in 0..<30 {
            let target = attempt % 2 == 0 ? second : first
            let promote = try DaemonProcess(in: registry.tree, arguments: ["models", "promote", target])
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...40, using: &random)))
            if promote.process.isRunning {
                try await promote.killNine()
            } else {
                try await promote.waitForExit()
            }
            let champion = try registry.aliases()?["champion"]
            #expect(
                champion == first || champion == second, "after kill \(attempt + 1): \(String(describing: champion))")
        }
        registry.remove()
    }
}
