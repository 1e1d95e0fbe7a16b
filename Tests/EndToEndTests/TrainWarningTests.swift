import Foundation
import Testing

/// `train` bounds `--k` by the rows it has, and warns (on standard error, without failing) about tiny segments and
/// archetypes that fit their segment negatively.
@Suite(.serialized)
struct TrainWarningTests {
    /// Two archetypes with the same signature, for two segments: whichever gets the segment below the mean on
    /// those columns fits it negatively (the size-weighted differences of two segments cancel).
    static let twinArchetypes = """
        [[archetype]]
        name = "Spenders"
        description = "Above the mean on spending."
        marketing_strategy = "Rewards."
        retention_priority = "high"

        [archetype.signature]
        high = ["PURCHASES", "BALANCE", "CREDIT_LIMIT", "PAYMENTS"]

        [[archetype]]
        name = "Beginners"
        description = "New to credit, described with the wrong signature."
        marketing_strategy = "Onboarding."
        retention_priority = "medium"

        [archetype.signature]
        high = ["PURCHASES", "BALANCE", "CREDIT_LIMIT", "PAYMENTS"]

        [fallback]
        name = "Segment {number}"
        description = "Unnamed."
        marketing_strategy = "Review."
        retention_priority = "medium"
        """

    @Test("an archetype on a segment it fits negatively is a warning on stderr; the model is still written")
    func negativeFitWarns() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "2000", "--seed", "4", "data.csv"], in: workspace.url)
        try workspace.write("twins.toml", Self.twinArchetypes)
        let outcome = try Segmentd.run(
            ["train", "data.csv", "--segments", "twins.toml", "--k", "2", "--output", "m.json"], in: workspace.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("with a negative fit (-0."), "\(outcome.stderr)")
        #expect(outcome.stderr.hasPrefix("warning: the archetype \""), "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("negative fit"))
        #expect(FileManager.default.fileExists(atPath: workspace.path("m.json")))
    }

    @Test("a segment under 1% of the rows is a warning naming its size")
    func tinySegmentWarns() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "3000", "--seed", "11", "data.csv"], in: workspace.url)
        let outcome = try Segmentd.run(["train", "data.csv", "--k", "100", "--output", "m.json"], in: workspace.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("rows (0."), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("under 1%"), "\(outcome.stderr)")
    }

    @Test("--k above one segment per 10 rows, or above 100, is refused saying why")
    func kIsBoundedByTheRows() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "150", "--seed", "4", "data.csv"], in: workspace.url)
        let tooMany = try Segmentd.run(["train", "data.csv", "--k", "16", "--output", "m.json"], in: workspace.url)
        #expect(tooMany.status == 64)
        #expect(tooMany.stderr.contains("at most one segment per 10 rows"), "\(tooMany.stderr)")
        #expect(tooMany.stderr.contains("so at most 15 here"), "\(tooMany.stderr)")
        try Segmentd.succeed(["train", "data.csv", "--k", "15", "--output", "m.json"], in: workspace.url)
        try Segmentd.succeed(["generate", "--rows", "2000", "--seed", "4", "big.csv"], in: workspace.url)
        let overLimit = try Segmentd.run(["train", "big.csv", "--k", "101", "--output", "m.json"], in: workspace.url)
        #expect(overLimit.status == 64)
        #expect(overLimit.stderr.contains("at most 100"), "\(overLimit.stderr)")
    }

    @Test("--k auto searches no k above one segment per 10 rows, and too few rows for k_min are refused saying why")
    func autoSearchIsBoundedByTheRows() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "35", "--seed", "4", "small.csv"], in: workspace.url)
        try Segmentd.succeed(["train", "small.csv", "--k", "auto", "--output", "m.json"], in: workspace.url)
        let model = try JSONSerialization.jsonObject(
            with: Data(contentsOf: workspace.url.appendingPathComponent("m.json")))
        let table = try #require((model as? [String: Any])?["selection"] as? [[String: Any]])
        #expect(table.compactMap { $0["k"] as? Int } == [2, 3], "the search stops at 35 / 10 = 3")

        try Segmentd.succeed(["generate", "--rows", "15", "--seed", "4", "tiny.csv"], in: workspace.url)
        let tiny = try Segmentd.run(["train", "tiny.csv", "--k", "auto", "--output", "t.json"], in: workspace.url)
        #expect(tiny.status == 65)
        #expect(tiny.stderr.contains("allow a k of at most 1"), "\(tiny.stderr)")
        #expect(tiny.stderr.contains("Train on at least 20 rows"), "\(tiny.stderr)")
    }
}
