import Foundation
import SegmentCore
import ScoringHost
import SegmentIO

/// A fresh directory under the system temp directory for one test's files.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Trains the built-in default pipeline on `data` into a new temporary directory.
    static func train(
        data: String, segmentCount: SegmentCount? = nil, seed: UInt64? = nil, previous: String? = nil,
        createdAt: String = "2026-01-01T00:00:00Z"
    ) throws -> TrainReport {
        let directory = try TemporaryDirectory()
        return try TrainJob.run(
            TrainRequest(
                dataPath: data, pipelinePath: nil, segmentsPath: nil, segmentCount: segmentCount, seed: seed,
                previousModelPath: previous, outputPath: directory.path("model.json"), createdAt: createdAt
            ))
    }
}
