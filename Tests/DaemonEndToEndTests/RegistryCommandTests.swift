import Foundation
import SegmentdTestSupport
import Testing

/// `segmentd train` and `segmentd models …` on a real registry (`var/models/`), run as the real binary.
@Suite("Model registry", .serialized)
struct RegistryCommandTests {
    @Test("the first train makes the champion; later trains register without replacing it unless --promote")
    func trainRegistersWithoutReplacingTheChampion() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 1, ["--label", "v1"])
        #expect(try registry.aliases() == ["champion": first])
        let second = try await registry.train(seed: 2, ["--label", "v2", "--previous", "champion"])
        #expect(second != first)
        #expect(try registry.aliases() == ["champion": first], "a plain train never replaces the champion")
        let third = try await registry.train(seed: 3, ["--previous", "v2", "--promote"])
        #expect(try registry.aliases() == ["champion": third, "previous": first])

        let listed = try await registry.listed()
        #expect(Set(listed.keys) == [first, second, third])
        #expect(listed[first]?["label"] as? String == "v1" && listed[first]?["parent"] is NSNull)
        #expect(listed[second]?["label"] as? String == "v2" && listed[second]?["parent"] as? String == first)
        #expect(listed[third]?["parent"] as? String == second && listed[third]?["label"] is NSNull)
        #expect(listed[third]?["aliases"] as? [String] == ["champion"])
        #expect(listed[first]?["aliases"] as? [String] == ["previous"])
        #expect(listed[second]?["training_rows"] as? Int == 3000 && listed[second]?["k"] as? Int == 5)
        #expect((listed[second]?["silhouette"] as? Double ?? 0) > 0)
        for version in [first, second, third] {
            #expect(FileManager.default.fileExists(atPath: registry.path("var/models/\(version).json")))
        }
        let table = try await registry.succeed(["models", "list"]).stdout.split(separator: "\n")
        #expect(table.first?.hasPrefix("VERSION") == true && table.count == 4, "\(table)")
        let secondRow = try #require(table.first { $0.hasPrefix(second) })
        #expect(secondRow.contains(" v2 ") && secondRow.contains(first) && secondRow.contains(" 3000 "), "\(secondRow)")
        registry.remove()
    }

    @Test("a label or a parent changes neither model_version nor the registered file")
    func labelStaysOutOfTheVersion() async throws {
        let registry = try RegistryTree()
        let plain = try await registry.train(seed: 4)
        let labelled = try await registry.succeed(["train", registry.path("stage/train-4.csv"), "--label", "again"])
        #expect(labelled.stdout.contains("registered \(plain) (again)"), "\(labelled.stdout)")
        #expect(labelled.stdout.contains("registered before"), "\(labelled.stdout)")
        #expect(try await registry.listed()[plain]?["label"] is NSNull, "the registered file is immutable")
        registry.remove()
    }

    @Test("promote, rollback, show, import and diff say what they did; versions by prefix, label or alias")
    func commandsPrintWhatTheyDid() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 5, ["--label", "v1"])
        let second = try await registry.train(seed: 6, ["--label", "v2", "--previous", "champion"])

        let promoted = try await registry.succeed(["models", "promote", "v2"]).stdout
        #expect(promoted == "champion: \(second) (was \(first), now previous)\n")
        let rolledBack = try await registry.succeed(["models", "rollback"]).stdout
        #expect(rolledBack == "champion: \(first) (was \(second), now previous)\n")
        #expect(try registry.aliases() == ["champion": first, "previous": second])
        let challenger = try await registry.succeed([
            "models", "promote", String(second.prefix(8)), "--as", "challenger",
        ])
        #expect(challenger.stdout == "challenger: \(second)\n")
        _ = try await registry.succeed(["models", "promote", "challenger"])
        #expect(try registry.aliases() == ["champion": second, "previous": first], "promoting ends the experiment")

        let shown = try await registry.succeed(["models", "show", "previous"]).stdout
        for line in ["version:  \(first)", "label:    v1", "aliases:  previous", "parent:   -", "k-means: k = 5"] {
            #expect(shown.contains(line), "missing \(line): \(shown)")
        }
        let document = try await registry.succeed(["models", "show", "v2", "--json"]).stdout
        let model = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
        #expect(model?["model_version"] as? String == second && model?["parent"] as? String == first)

        let imported = try await registry.succeed(["models", "import", registry.path("var/model.json")]).stdout
        let fixtureVersion = try #require(
            imported.split(separator: " ").dropFirst().first.map(String.init), "\(imported)")
        #expect(imported == "imported \(fixtureVersion) as \(registry.path("var/models/\(fixtureVersion).json"))\n")
        let again = try await registry.succeed(["models", "import", "var/model.json"]).stdout
        #expect(again.contains("registered already") && again.contains("nothing copied"), "\(again)")
        #expect(try registry.aliases()?["champion"] == second, "an import changes no alias")

        let diff = try await registry.succeed(["models", "diff", "v1", "v2"]).stdout
        #expect(diff.hasPrefix("A: \(first) (v1)\nB: \(second) (v2)\n"), "\(diff)")
        #expect(diff.split(separator: "\n").count == 3 + 5, "a header and one line per segment of A: \(diff)")
        let json = try await registry.succeed(["models", "diff", "v1", "v2", "--json"]).stdout
        let compared = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let segments = try #require(compared["segments"] as? [[String: Any]])
        #expect(segments.count == 5)
        let matched = Set(segments.compactMap { ($0["match"] as? [String: Any])?["segment"] as? Int })
        #expect(matched == [0, 1, 2, 3, 4], "a one-to-one matching: \(json)")
        #expect(segments.allSatisfy { ($0["distance"] as? Double ?? -1) >= 0 })
        // The second model was trained with --previous the first: the ids kept their meaning, so each segment of A
        // is matched with the segment of B with the same id.
        #expect(segments.allSatisfy { ($0["match"] as? [String: Any])?["segment"] as? Int == $0["segment"] as? Int })
        let same = try await registry.succeed(["models", "diff", "champion", "champion", "--json"]).stdout
        let itself = try #require(try JSONSerialization.jsonObject(with: Data(same.utf8)) as? [String: Any])
        #expect((itself["segments"] as? [[String: Any]])?.allSatisfy { $0["distance"] as? Double == 0 } == true)
        registry.remove()
    }

    @Test("unknown, ambiguous and unusable names exit 66, 64 and 65 with a message that says what to do")
    func clearErrors() async throws {
        let registry = try RegistryTree()
        let rollback = try await registry.run(["models", "rollback"])
        #expect(rollback.status == 66 && rollback.stderr.contains("nothing to roll back to"), "\(rollback.stderr)")
        let first = try await registry.train(seed: 7)
        _ = try await registry.train(seed: 8)
        let unknown = try await registry.run(["models", "show", "no-such-version"])
        #expect(unknown.status == 66, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("no model \"no-such-version\"") && unknown.stderr.contains("models list"))
        let ambiguous = try await registry.run(["models", "promote", "m-"])
        #expect(ambiguous.status == 64 && ambiguous.stderr.contains("names 2 models"), "\(ambiguous.stderr)")
        try "not a model".write(toFile: registry.path("stage/bad.json"), atomically: true, encoding: .utf8)
        let bad = try await registry.run(["models", "import", "stage/bad.json"])
        #expect(bad.status == 65 && bad.stderr.contains("stage/bad.json"), "\(bad.stderr)")
        let missing = try await registry.run(["models", "import", "stage/absent.json"])
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(try registry.aliases() == ["champion": first], "failed commands change nothing")
        for command in ["list", "show", "promote", "rollback", "import", "diff"] {
            let help = try await registry.succeed(["models", command, "--help"]).stdout
            #expect(help.contains("Examples:\n  segmentd models \(command)"), "\(command): \(help)")
        }
        registry.remove()
    }

    @Test("a tree without a champion fails to start with 78 and says how to make one; validate says the same")
    func noChampionIsAConfigurationError() async throws {
        let registry = try RegistryTree()
        for command in [["run", "--once"], ["validate"], ["score", "stage/x.csv", "stage/y.csv"], ["inspect"]] {
            let result = try await registry.run(command)
            #expect(result.status == 78, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("no champion model"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("segmentd train"), "\(command): \(result.stderr)")
        }
        registry.remove()
    }

    @Test("score, inspect, validate and run read registry references as the daemon does")
    func everyReaderResolvesTheRegistry() async throws {
        let registry = try RegistryTree()
        let first = try await registry.train(seed: 9, ["--label", "v1"])
        let second = try await registry.train(seed: 10)
        try registry.tree.fixture.csv(rows: 20, from: 0).write(
            toFile: registry.path("stage/in.csv"), atomically: true, encoding: .utf8)
        for (model, expected) in [(nil, first), ("registry:\(second.prefix(9))", second), ("registry:v1", first)] {
            let options = model.map { ["--model", $0] } ?? []
            try await registry.succeed(["score", "stage/in.csv", "stage/out.csv"] + options)
            let rows = try String(contentsOfFile: registry.path("stage/out.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst()
            #expect(
                rows.count == 20 && rows.allSatisfy { $0.hasSuffix(",\(expected)") }, "\(String(describing: model))")
        }
        let inspected = try await registry.succeed(["inspect", "--json", "registry:\(second)"]).stdout
        #expect(inspected.contains("\"model_version\" : \"\(second)\""), "\(inspected.prefix(300))")
        let validated = try await registry.succeed(["validate"])
        #expect(validated.stdout.contains("are valid"), "\(validated.stderr)")
        try registry.tree.renameIn("in.csv", registry.tree.fixture.csv(rows: 20, from: 100))
        try await registry.succeed(["run", "--once"])
        #expect(try registry.tree.manifests()["in.manifest.json"]?["model_version"] as? String == first)
        registry.remove()
    }
}
