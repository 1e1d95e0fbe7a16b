package import Foundation
package import SegmentCore
import SegmentSupport

/// Everything `segmentd retrain` needs; tests build one directly.
package struct RetrainRequest: Sendable {
    /// The daemon's reservoir (`<state_dir>/reservoir.sqlite`).
    package var reservoirPath: String
    /// `[retrain]`'s window and size.
    package var settings: ReservoirSettings
    /// The end of the window (`--now`; the clock otherwise).
    package var now: Date
    package var registry: ModelRegistry
    /// The champion's model file: the new model keeps its segment ids and records it as its parent.
    package var championPath: String
    /// Pipeline and archetypes, resolved from the configuration as `train` does; nil: built-in.
    package var pipelinePath: String?
    package var segmentsPath: String?
    package var segmentCount: SegmentCount?
    package var seed: UInt64?
    package var label: String?
    /// ISO 8601 time stamped into the model.
    package var createdAt: String

    package init(
        reservoirPath: String, settings: ReservoirSettings, now: Date, registry: ModelRegistry, championPath: String,
        pipelinePath: String? = nil, segmentsPath: String? = nil, segmentCount: SegmentCount? = nil,
        seed: UInt64? = nil, label: String? = nil, createdAt: String
    ) {
        self.reservoirPath = reservoirPath
        self.settings = settings
        self.now = now
        self.registry = registry
        self.championPath = championPath
        self.pipelinePath = pipelinePath
        self.segmentsPath = segmentsPath
        self.segmentCount = segmentCount
        self.seed = seed
        self.label = label
        self.createdAt = createdAt
    }
}

/// What `retrain` did.
package struct RetrainReport: Sendable {
    package var train: TrainReport
    /// The sample trained on, without its values (its days, rate and row count).
    package var sample: ReservoirSample
    package var registration: ModelRegistry.Registration
    /// The champion the new model descends from.
    package var parent: String
}

/// Trains on the reservoir's sample with the champion as `--previous` (segment ids stay stable) and registers the
/// result as `challenger`, never as champion: promoting it is the operator's decision (`models promote challenger`).
package enum RetrainJob {
    package static func run(
        _ request: RetrainRequest, progress: (@Sendable (String, Double) -> Void)? = nil
    ) throws -> RetrainReport {
        let champion = try ModelFile.load(path: request.championPath)
        let store = try ReservoirStore(path: request.reservoirPath, create: false)
        // The champion's k needs this many rows (the trainer's own rule); fewer is refused before training.
        let needed = max(ModelTrainer.minimumRows, champion.segments.count * ModelTrainer.rowsPerSegment)
        var summary: ReservoirSample?
        let train = TrainRequest(
            dataPath: request.reservoirPath, pipelinePath: request.pipelinePath, segmentsPath: request.segmentsPath,
            segmentCount: request.segmentCount, seed: request.seed, previousModelPath: request.championPath,
            outputPath: nil, createdAt: request.createdAt, label: request.label)
        let report = try TrainJob.run(train, progress: progress) { _, columns in
            progress?("loading", 0)
            let sample = try store.sample(
                columns: columns, now: request.now, days: request.settings.days, limit: request.settings.rows)
            guard sample.rowCount >= needed else {
                throw ReservoirError.tooFewRows(
                    sample.rowCount, needed: needed, path: request.reservoirPath, days: request.settings.days)
            }
            summary = sample
            return TrainJob.TrainingInput(
                values: sample.values, rowCount: sample.rowCount, source: source(of: sample),
                sha256: fingerprint(of: sample))
        }
        let registration = try request.registry.register(report.model)
        _ = try request.registry.promote(report.model.modelVersion, to: .challenger)
        var sample =
            summary
            ?? ReservoirSample(
                columns: [], values: [], rowCount: 0, rate: 1, days: [], rowsWithOtherColumns: 0)
        sample.values = []
        return RetrainReport(train: report, sample: sample, registration: registration, parent: champion.modelVersion)
    }

    /// The model's `training_data.source`: the reservoir and the days it covered.
    static func source(of sample: ReservoirSample) -> String {
        guard let first = sample.days.first?.day, let last = sample.days.last?.day else { return "reservoir" }
        return "reservoir \(first.text)..\(last.text)"
    }

    /// SHA-256 of the sample's values as stored (native doubles), standing for a training file's digest.
    static func fingerprint(of sample: ReservoirSample) -> String {
        sample.values.withUnsafeBytes { FileSHA256.hex(of: $0) }
    }
}
