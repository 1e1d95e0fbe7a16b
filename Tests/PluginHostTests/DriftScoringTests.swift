import Foundation
import ScoringHost
import SegmentCore
import SegmentIO
import SegmentdTestSupport
import Testing

/// Drift statistics while scoring: small on data like the training data, large and named on shifted data, never a
/// changed output byte; `generate --shift` makes the shifted data; a format-1 model scores without them, with a
/// warning.
@Suite("drift while scoring")
struct DriftScoringTests {
    @Test("a same-distribution file has max PSI < 0.1; a --shift PURCHASES=3 file a large one, PURCHASES first")
    func shiftedPurchasesAreNamedFirst() throws {
        let fixture = try ModelFixture.shared.get()
        let scratch = try Scratch()
        try GenerateJob.run(rows: 10_000, seed: 21, output: scratch.file("same.csv"))
        try GenerateJob.run(rows: 10_000, seed: 22, output: scratch.file("shifted.csv"), shifts: ["PURCHASES=3"])
        let calm = try #require(
            try ScoreJob.run(
                input: scratch.file("same.csv"), output: scratch.file("same.scored.csv"),
                model: ModelSource(fixture.modelPath, baseDirectory: "/"), drift: true
            ).drift)
        #expect(calm.rows == 10_000)
        let calmMaximum = try #require(calm.maximum)
        #expect(calmMaximum.psi < 0.1, "\(calm.topFeatures())")
        #expect(abs(calm.meanConfidence - calm.trainingMeanConfidence) < 0.05)
        #expect((calm.largestShareChange?.relativeChange).map { abs($0) < 0.2 } ?? false)

        let moved = try #require(
            try ScoreJob.run(
                input: scratch.file("shifted.csv"), output: scratch.file("shifted.scored.csv"),
                model: ModelSource(fixture.modelPath, baseDirectory: "/"), drift: true
            ).drift)
        let maximum = try #require(moved.maximum)
        #expect(maximum.psi > 0.25, "\(moved.topFeatures())")
        let columns = moved.topInputColumns()
        #expect(columns.first?.name == "PURCHASES", "\(columns)")
        #expect((columns.first?.psi ?? 0) > 0.25 && columns.dropFirst().allSatisfy { $0.psi < 0.1 }, "\(columns)")
        // PURCHASES / TENURE moves with PURCHASES; nothing else does.
        #expect(moved.topDerivedFeatures().first?.name == "Monthly_Avg_Purchase")
        #expect(moved.topDerivedFeatures().dropFirst().allSatisfy { $0.psi < 0.1 })
        let text = DriftText.text(moved, segmentNames: [])
        #expect(text.contains("largest first: PURCHASES") && text.contains("a large shift"), "\(text)")
    }

    @Test("counting drift changes no scored byte, and without --drift nothing is compared")
    func driftChangesNoScoredByte() throws {
        let fixture = try ModelFixture.shared.get()
        let scratch = try Scratch()
        try GenerateJob.run(rows: 5_000, seed: 23, output: scratch.file("in.csv"))
        let plain = try ScoreJob.run(
            input: scratch.file("in.csv"), output: scratch.file("plain.csv"),
            model: ModelSource(fixture.modelPath, baseDirectory: "/"))
        let counted = try ScoreJob.run(
            input: scratch.file("in.csv"), output: scratch.file("counted.csv"),
            model: ModelSource(fixture.modelPath, baseDirectory: "/"),
            drift: true)
        #expect(plain.drift == nil)
        #expect(counted.drift?.rows == 5_000)
        let first = try #require(FileManager.default.contents(atPath: scratch.file("plain.csv")))
        let second = try #require(FileManager.default.contents(atPath: scratch.file("counted.csv")))
        #expect(first == second)
        #expect(plain.tally == counted.tally)
    }

    @Test("the file door compares every file with a format-2 model, none with a format-1 model, which warns")
    func theFileDoorComparesWithFormatTwoOnly() throws {
        let fixture = try ModelFixture.shared.get()
        let scratch = try Scratch()
        try scratch.write("in.csv", fixture.csv(rows: 200))
        var old = try ModelFile.load(path: fixture.modelPath)
        old.formatVersion = 1
        old.drift = nil
        try ModelFile.write(try old.sealed(), to: scratch.file("old.json"))
        for (model, compared) in [(fixture.modelPath, true), (scratch.file("old.json"), false)] {
            let host = try ScoringHost(
                settings: HostSettings(
                    model: model, pipeline: nil, pluginsDirectory: scratch.file("none"),
                    stateDirectory: scratch.path))
            let result = try host.score(
                file: FileScoringRequest(
                    input: scratch.file("in.csv"), output: scratch.file("out.csv"), format: .csv,
                    rejects: scratch.file("out.rejects.csv"), inputName: "in.csv", digest: nil,
                    artifactPath: { [path = scratch.path] in path + "/out." + $0 }))
            #expect((result.drift != nil) == compared, "\(model)")
            #expect(result.drift.map { $0.rows == 200 } ?? true)
            try FileManager.default.removeItem(atPath: scratch.file("out.csv"))
            try FileManager.default.removeItem(atPath: scratch.file("out.rejects.csv"))
        }
        let warnings = try ModelFit.retrainWarnings(
            try ModelFile.load(path: scratch.file("old.json")), modelPath: scratch.file("old.json"),
            pipelinePath: nil, segmentsPath: nil)
        #expect(warnings.contains { $0.contains("old.json") && $0.contains("drift statistics are off") }, "\(warnings)")
        let current = try ModelFit.retrainWarnings(
            try ModelFile.load(path: fixture.modelPath), modelPath: fixture.modelPath, pipelinePath: nil,
            segmentsPath: nil)
        #expect(!current.contains { $0.contains("drift") })
    }

    @Test("--shift multiplies one column in every row; a wrong column or factor is refused with a hint")
    func shiftMultipliesOneColumn() throws {
        let scratch = try Scratch()
        try GenerateJob.run(rows: 300, seed: 3, output: scratch.file("a.csv"))
        try GenerateJob.run(rows: 300, seed: 3, output: scratch.file("b.csv"), shifts: ["purchases=2"])
        let plain = CSVText.records(try #require(FileManager.default.contents(atPath: scratch.file("a.csv"))))
        let shifted = CSVText.records(try #require(FileManager.default.contents(atPath: scratch.file("b.csv"))))
        let column = try #require(plain.first?.firstIndex(of: "PURCHASES"))
        #expect(plain.count == 301 && shifted.count == 301)
        var changed = 0
        for (before, after) in zip(plain, shifted).dropFirst() {
            for index in before.indices where index != column { #expect(before[index] == after[index]) }
            let old = try #require(Double(before[column]))
            let new = try #require(Double(after[column]))
            #expect(abs(new - 2 * old) < 0.006, "\(old) → \(new)")
            if old > 0 { changed += 1 }
        }
        #expect(changed > 100)
        #expect { try GenerateJob.columnShift("PURCHASE=2") } throws: { "\($0)".contains("Did you mean PURCHASES") }
        #expect { try GenerateJob.columnShift("PURCHASES=much") } throws: { "\($0)".contains("COLUMN=FACTOR") }
        #expect { try GenerateJob.columnShift("CUST_ID=2") } throws: { "\($0)".contains("not a numeric column") }
    }
}
