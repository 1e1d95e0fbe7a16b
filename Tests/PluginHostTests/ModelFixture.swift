import Foundation
import ScoringHost
import SegmentIO

/// A model trained once per test run on generated customers, and the generated rows to build inputs from.
struct ModelFixture: Sendable {
    let modelPath: String
    let header: String
    let rows: [String]

    static let shared: Result<ModelFixture, any Error> = Result { try ModelFixture() }

    private init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "plugin-host-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = directory.appendingPathComponent("train.csv").path
        modelPath = directory.appendingPathComponent("model.json").path
        try GenerateJob.run(rows: 3000, seed: 7, output: data)
        _ = try TrainJob.run(TrainRequest(dataPath: data, outputPath: modelPath, createdAt: "2025-01-01T00:00:00Z"))
        let lines = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").map(String.init)
        header = lines[0]
        rows = Array(lines.dropFirst())
    }

    /// A CSV of the first `count` generated rows.
    func csv(rows count: Int) -> String {
        ([header] + rows.prefix(count)).joined(separator: "\n") + "\n"
    }

    /// How many of the first `count` rows the picky plugin's default settings fail (customer id ending in 7).
    func blocked(first count: Int) -> Int {
        rows.prefix(count).filter { $0.prefix { $0 != "," }.hasSuffix("7") }.count
    }
}
