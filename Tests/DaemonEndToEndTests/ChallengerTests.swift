import Foundation
import SegmentdTestSupport
import Testing

/// `[challenger]` shadow and A/B scoring with the real daemon (`run --once`, each run a fresh process) on a real
/// registry: outputs, manifests, the arm rule reproduced from its documentation in Python, and the end of the
/// experiment by `models promote challenger`.
@Suite("Challenger: shadow and A/B", .serialized)
struct ChallengerTests {
    /// A registry tree scoring content again when it comes back (`duplicates = "rescore"`), with the challenger
    /// table `table` (no table: mode off).
    static func writeConfiguration(_ registry: RegistryTree, _ table: [String]) throws {
        try registry.tree.writeConfiguration(
            ["model = \"registry:champion\"", "duplicates = \"rescore\"", "min_age = 0.0"] + table)
    }

    /// Drops `text` as `name` and scores it with one `run --once`; returns the manifest and the scored lines.
    static func score(_ registry: RegistryTree, _ name: String, _ text: String) async throws -> (
        manifest: [String: Any], lines: [Substring]
    ) {
        let tree = registry.tree
        try tree.renameIn(name, text)
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        let stem = String(name.dropLast(4))
        let manifest = try #require(try tree.manifests()["\(stem).manifest.json"], "\(daemon.log)")
        let scored = try #require((manifest["outputs"] as? [String: Any])?["scored"] as? String, "\(manifest)")
        let text = try String(contentsOfFile: tree.path("outbox/\(scored)"), encoding: .utf8)
        return (manifest, text.split(separator: "\n"))
    }

    /// The fixture's input columns (CUST_ID and 17 numbers; no value holds a comma).
    static let inputColumns = 18

    /// The appended columns of each data line: segment_id, segment_name, confidence, distance, model_version, then
    /// the plugins' (campaign, channel) when they ran.
    static func scoredColumns(_ lines: [Substring]) -> [[Substring]] {
        lines.dropFirst().map {
            Array($0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(inputColumns))
        }
    }

    /// `segmentd score` of `text` with `model` (a registry reference), as the reference each mode is checked against.
    static func scoreAlone(_ registry: RegistryTree, _ text: String, model: String) async throws -> [[Substring]] {
        let input = registry.path("stage/reference-input.csv")
        let output = registry.path("stage/reference-\(model).csv")
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        try await registry.succeed(["score", input, output, "--model", "registry:\(model)"])
        return scoredColumns(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n"))
    }

    /// With another model the agreement and ARI equal the reference computed from each model's own output.
    @Test("shadow: output byte-identical to off, self ARI 1, other ARI equals numpy's, promote challenger ends it")
    func shadowComparesWithoutChangingOutput() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 21)
        let second = try await registry.train(seed: 22, ["--k", "5"])
        let text = registry.tree.fixture.csv(rows: 3000, from: 0)
        try Self.writeConfiguration(registry, [])
        let off = try await Self.score(registry, "off.csv", text)
        #expect(off.manifest["shadow"] == nil)

        try await registry.succeed(["models", "promote", first, "--as", "challenger"])
        try Self.writeConfiguration(registry, ["[challenger]", "mode = \"shadow\""])
        let itself = try await Self.score(registry, "itself.csv", text)
        #expect(itself.lines == off.lines, "shadow changes no output byte")
        let same = try #require(itself.manifest["shadow"] as? [String: Any], "\(itself.manifest)")
        #expect(same["status"] as? String == "compared")
        #expect(same["challenger_version"] as? String == first)
        #expect(same["rows"] as? Int == 3000)
        #expect(same["agreement"] as? Double == 1.0)
        #expect(same["adjusted_rand_index"] as? Double == 1.0)

        try await registry.succeed(["models", "promote", second, "--as", "challenger"])
        let other = try await Self.score(registry, "other.csv", text)
        #expect(other.lines == off.lines, "shadow changes no output byte")
        let shadow = try #require(other.manifest["shadow"] as? [String: Any], "\(other.manifest)")
        #expect(shadow["challenger_version"] as? String == second)
        let champion = Self.scoredColumns(off.lines).map { Int($0[0]) ?? -1 }
        let challenger = try await Self.scoreAlone(registry, text, model: second).map { Int($0[0]) ?? -1 }
        let agreement = Double(zip(champion, challenger).filter { $0 == $1 }.count) / Double(champion.count)
        let agreementSeen = try #require(shadow["agreement"] as? Double)
        #expect(abs(agreementSeen - agreement) < 1e-12 && agreement < 1, "\(agreementSeen) vs \(agreement)")
        let labels = "{\"cases\":[{\"first\":\(champion),\"second\":\(challenger)}]}"
        let file = registry.path("stage/labels.json")
        try labels.write(toFile: file, atomically: true, encoding: .utf8)
        let numpy = try JSONDecoder().decode([Double].self, from: Data(PythonScript.run("ari_reference.py", [file])))
        let ari = try #require(shadow["adjusted_rand_index"] as? Double)
        #expect(abs(ari - numpy[0]) < 1e-9 && ari < 1, "ARI \(ari) vs numpy \(numpy[0])")
        let sides = try #require(shadow["challenger"] as? [String: Any])
        #expect((sides["segments"] as? [Any])?.count == 5, "the challenger's own segments")

        // Promoting the challenger clears the alias: the next file is scored by the new champion alone.
        try await registry.succeed(["models", "promote", "challenger"])
        #expect(try registry.aliases()?["challenger"] == nil)
        let after = try await Self.score(registry, "after.csv", text)
        #expect(after.manifest["model_version"] as? String == second)
        let ended = try #require(after.manifest["shadow"] as? [String: Any], "\(after.manifest)")
        #expect(ended["status"] as? String == "no_challenger")
        #expect(Set(Self.scoredColumns(after.lines).map { String($0[4]) }) == [second])

        // Two files in one run without a challenger: the warning is logged once, not per file.
        try registry.tree.renameIn("again-1.csv", registry.tree.fixture.csv(rows: 10, from: 0))
        try registry.tree.renameIn("again-2.csv", registry.tree.fixture.csv(rows: 10, from: 10))
        let daemon = try DaemonProcess(in: registry.tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        let warnings = daemon.log.components(separatedBy: "files are scored by the champion alone").count - 1
        #expect(warnings == 1, "\(daemon.log)")
        registry.remove()
    }

    /// Each row's columns equal its arm's model's own output; a customer keeps its arm across files and restarts
    /// (each `run --once` is a new process).
    @Test("A/B: each row scored by its arm's model, arms match the Python rule, plugins see the row's segment")
    func abScoresEachRowWithItsArm() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 23)
        let second = try await registry.train(seed: 24, ["--previous", "champion"])
        try await registry.succeed(["models", "promote", second, "--as", "challenger"])
        try Self.writeConfiguration(registry, ["[challenger]", "mode = \"ab\"", "share = 0.3"])
        // The campaign plugin picks a campaign by the segment it is given (named by the champion's names).
        let plugins = registry.path("etc/plugins.d")
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        try "enabled = true\n".write(toFile: plugins + "/campaign.toml", atomically: true, encoding: .utf8)
        let campaigns = [
            "Big Tickets": "premium_vip_offer", "Medium Tickets": "installment_promotion",
            "Rare Purchasers": "reengagement_discount", "Beginners": "welcome_bonus", "Risk": "support_outreach",
        ]
        var pluginSawChallengerSegment = 0
        // The fixture's ids are S0000001... in row order: the Python rule gives each one's arm from its number.
        let arms = try PythonScript.run("ab_arm.py", ["0.3", "1", "20000"]).map { $0 == UInt8(ascii: "1") }
        var versionByID: [Substring: Substring] = [:]
        for (index, start) in [0, 1500].enumerated() {
            let text = registry.tree.fixture.csv(rows: 3000, from: start)
            let result = try await Self.score(registry, "ab-\(index).csv", text)
            let championAlone = try await Self.scoreAlone(registry, text, model: first)
            let challengerAlone = try await Self.scoreAlone(registry, text, model: second)
            let columns = Self.scoredColumns(result.lines)
            try #require(columns.count == 3000)
            var challengerRows = 0
            let championNames = Dictionary(championAlone.map { ($0[0], String($0[1])) }) { one, _ in one }
            for (row, line) in zip(result.lines.dropFirst(), columns) {
                let id = row.prefix { $0 != "," }
                let number = try #require(Int(id.dropFirst()), "\(id)")
                let inChallenger = arms[number - 1]
                let expected = inChallenger ? challengerAlone : championAlone
                let position = number - 1 - start
                #expect(line.prefix(5) == expected[position].prefix(5), "\(id): \(line) vs \(expected[position])")
                // The plugin saw the row's own segment id (the arm's model's), not the champion's for the row.
                let campaign = championNames[line[0]].flatMap { campaigns[$0] } ?? "general_newsletter"
                #expect(line.count == 7 && line[5] == campaign[...], "\(id): \(line)")
                if inChallenger && line[0] != championAlone[position][0] { pluginSawChallengerSegment += 1 }
                #expect(line[4] == (inChallenger ? second : first)[...], "\(id) in its arm's model")
                if let seen = versionByID[id] { #expect(seen == line[4], "\(id) changed arm") }
                versionByID[id] = line[4]
                if inChallenger { challengerRows += 1 }
            }
            let ab = try #require(result.manifest["ab"] as? [String: Any], "\(result.manifest)")
            #expect(ab["status"] as? String == "split" && ab["share"] as? Double == 0.3)
            let challenger = try #require(ab["challenger"] as? [String: Any])
            let model = try #require(challenger["model"] as? [String: Any])
            #expect(model["version"] as? String == second && model["rows"] as? Int == challengerRows)
            #expect(abs((challenger["share"] as? Double ?? 0) - Double(challengerRows) / 3000) < 1e-12)
            #expect(abs(Double(challengerRows) / 3000 - 0.3) < 0.05, "\(challengerRows) of 3000")
        }
        #expect(versionByID.count == 4500, "1,500 customers in both files, each in one arm")
        #expect(pluginSawChallengerSegment > 0, "some challenger rows have another segment than the champion's")
        registry.remove()
    }
}
