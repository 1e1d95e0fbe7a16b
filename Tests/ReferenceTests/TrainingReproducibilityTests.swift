import Foundation
import SegmentCore
import ScoringHost
import SegmentIO
import Testing

/// Training is reproducible, and retraining with --previous keeps customers in their segments.
@Suite(.enabled(if: ReferenceData.isAvailable, "needs ../shared/data/CC_GENERAL.csv"), .serialized)
struct TrainingReproducibilityTests {
    @Test func sameDataAndSeedGiveAByteIdenticalModelFile() throws {
        let directory = try TemporaryDirectory()
        for name in ["first.json", "second.json"] {
            _ = try TrainJob.run(
                TrainRequest(
                    dataPath: ReferenceData.csvPath, seed: 7, outputPath: directory.path(name),
                    createdAt: "2026-01-01T00:00:00Z"
                ))
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: directory.path("first.json")))
        let second = try Data(contentsOf: URL(fileURLWithPath: directory.path("second.json")))
        #expect(first == second)
    }

    @Test func trainingTimeDoesNotChangeTheModelVersion() throws {
        let early = try TemporaryDirectory.train(data: ReferenceData.csvPath, createdAt: "2026-01-01T00:00:00Z")
        let late = try TemporaryDirectory.train(data: ReferenceData.csvPath, createdAt: "2026-06-30T12:00:00Z")
        #expect(early.model.modelVersion == late.model.modelVersion)
        #expect(early.model.checksum != late.model.checksum)
    }

    @Test func retrainingOnShuffledRowsWithPreviousKeepsCustomersInTheirSegment() throws {
        let directory = try TemporaryDirectory()
        let original = try TrainJob.run(
            TrainRequest(
                dataPath: ReferenceData.csvPath, outputPath: directory.path("v1.json"),
                createdAt: "2026-01-01T00:00:00Z"
            ))
        let shuffledPath = directory.path("shuffled.csv")
        try Self.writeShuffledCopy(of: ReferenceData.csvPath, to: shuffledPath, seed: 99)
        let retrained = try TrainJob.run(
            TrainRequest(
                dataPath: shuffledPath, seed: 1234, previousModelPath: directory.path("v1.json"),
                outputPath: directory.path("v2.json"), createdAt: "2026-02-01T00:00:00Z"
            ))
        let before = Dictionary(uniqueKeysWithValues: zip(original.ids, original.labels))
        let namesBefore = original.model.segments.map(\.name)
        let namesAfter = retrained.model.segments.map(\.name)
        var same = 0
        for (id, label) in zip(retrained.ids, retrained.labels) {
            guard let old = before[id] else { continue }
            if old == label, namesBefore[Int(old)] == namesAfter[Int(label)] { same += 1 }
        }
        let share = Double(same) / Double(retrained.ids.count)
        #expect(retrained.ids.count == original.ids.count)
        #expect(share >= 0.99, "only \(share * 100)% kept their segment id and name")
    }

    /// Writes the header, then the data lines in a seeded random order.
    static func writeShuffledCopy(of source: String, to destination: String, seed: UInt64) throws {
        let text = try String(contentsOfFile: source, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        var generator = SeededGenerator(seed: seed)
        lines.shuffle(using: &generator)
        let shuffled = ([header] + lines).joined(separator: "\n") + "\n"
        try shuffled.write(toFile: destination, atomically: true, encoding: .utf8)
    }
}
