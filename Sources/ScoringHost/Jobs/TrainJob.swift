package import SegmentCore
import Foundation
package import SegmentIO
import SegmentSupport

/// Everything `segmentd train` needs; tests build one directly.
package struct TrainRequest: Sendable {
    package var dataPath: String
    /// Pipeline spec path; nil means the built-in default. The CLI resolves it from the configuration.
    package var pipelinePath: String?
    /// Archetypes path; nil means the built-in default. The CLI resolves it from the configuration.
    package var segmentsPath: String?
    package var segmentCount: SegmentCount?
    package var seed: UInt64?
    /// The model whose segment ids the new one keeps; its version is recorded as the new model's `parent`.
    package var previousModelPath: String?
    /// Where to write the model; nil writes nothing (the CLI registers it in the registry).
    package var outputPath: String?
    /// ISO 8601 time to stamp into the model.
    package var createdAt: String
    /// A person's name for the version (`--label`), stored in the model outside its `model_version`.
    package var label: String?

    package init(
        dataPath: String, pipelinePath: String? = nil, segmentsPath: String? = nil, segmentCount: SegmentCount? = nil,
        seed: UInt64? = nil, previousModelPath: String? = nil, outputPath: String?, createdAt: String,
        label: String? = nil
    ) {
        self.dataPath = dataPath
        self.pipelinePath = pipelinePath
        self.segmentsPath = segmentsPath
        self.segmentCount = segmentCount
        self.seed = seed
        self.previousModelPath = previousModelPath
        self.outputPath = outputPath
        self.createdAt = createdAt
        self.label = label
    }
}

/// What a training run produced.
package struct TrainReport: Sendable {
    package var model: SegmentModel
    /// Customer id of every accepted training row, in file order.
    package var ids: [String]
    /// Segment id of every accepted training row, in file order.
    package var labels: [Int32]
    package var rejects: [RejectedRecord]
    package var seconds: Double
    /// What to tell the operator about the model: tiny segments, archetypes that fit their segment negatively.
    package var warnings: [TrainingWarning] = []
}

/// Loads the data and configuration, trains, and writes the model file atomically (when asked to).
package enum TrainJob {
    /// Checks that the pipeline spec and archetypes load and fit together, without training.
    package static func checkConfiguration(pipelinePath: String?, segmentsPath: String?) throws {
        _ = try loadConfiguration(pipelinePath: pipelinePath, segmentsPath: segmentsPath)
    }

    private static func loadConfiguration(
        pipelinePath: String?, segmentsPath: String?
    ) throws -> (PipelineSpec, SegmentArchetypes, FeaturePipeline) {
        let pipelineText = try ConfigText.read(
            pipelinePath, builtIn: PipelineSpec.defaultTOML, name: DefaultPaths.pipeline)
        let spec = try PipelineSpec(toml: pipelineText.text, source: pipelineText.source)
        let segmentsText = try ConfigText.read(
            segmentsPath, builtIn: SegmentArchetypes.defaultTOML, name: DefaultPaths.segments)
        let archetypes = try SegmentArchetypes(toml: segmentsText.text, source: segmentsText.source)
        let pipeline = try FeaturePipeline(spec: spec)
        try archetypes.validate(knownColumns: pipeline.profileColumns, source: segmentsText.source)
        return (spec, archetypes, pipeline)
    }

    package static func run(_ request: TrainRequest, progress: (@Sendable (String, Double) -> Void)? = nil) throws
        -> TrainReport
    {
        try run(request, progress: progress) { idColumn, columns in
            progress?("loading", 0)
            let table = try TrainingTable.load(path: request.dataPath, idColumn: idColumn, columns: columns)
            let fingerprint: String
            do {
                fingerprint = try FileSHA256.digest(path: request.dataPath).sha256
            } catch {
                throw JobError.missingInput(path: request.dataPath)
            }
            return TrainingInput(
                values: table.values, rowCount: table.rowCount, ids: table.ids, rejects: table.rejects,
                source: URL(fileURLWithPath: request.dataPath).lastPathComponent, sha256: fingerprint)
        }
    }

    /// The rows a model is trained on, however they were read: a file (`train`), the reservoir (`retrain`).
    package struct TrainingInput: Sendable {
        /// Row-major values in the pipeline's input-column order, NaN where missing (imputed by training).
        package var values: [Double]
        package var rowCount: Int
        /// The rows' customer ids, when known (a file's; the reservoir keeps none).
        package var ids: [String]
        package var rejects: [RejectedRecord]
        /// What the model records as its training data's `source` and `sha256`.
        package var source: String
        package var sha256: String

        package init(
            values: [Double], rowCount: Int, ids: [String] = [], rejects: [RejectedRecord] = [], source: String,
            sha256: String
        ) {
            self.values = values
            self.rowCount = rowCount
            self.ids = ids
            self.rejects = rejects
            self.source = source
            self.sha256 = sha256
        }
    }

    /// Trains on the rows `load` returns for the configured pipeline's id column and input columns (in that order);
    /// `request.dataPath` is not read.
    package static func run(
        _ request: TrainRequest, progress: (@Sendable (String, Double) -> Void)? = nil,
        load: (_ idColumn: String, _ columns: [String]) throws -> TrainingInput
    ) throws -> TrainReport {
        let start = DispatchTime.now()
        let (spec, archetypes, pipeline) = try loadConfiguration(
            pipelinePath: request.pipelinePath, segmentsPath: request.segmentsPath
        )
        let previous = try request.previousModelPath.map { try ModelFile.load(path: $0) }
        let table = try load(spec.idColumn, pipeline.inputColumns)
        let options = TrainingOptions(
            segmentCount: request.segmentCount,
            seed: request.seed,
            previous: previous,
            createdAt: request.createdAt,
            trainingData: SegmentModel.TrainingData(
                source: table.source, rows: table.rowCount, rejected: table.rejects.count, sha256: table.sha256
            )
        )
        let result = try ModelTrainer.train(
            rows: TrainingRows(values: table.values, rowCount: table.rowCount), spec: spec, archetypes: archetypes,
            options: options, progress: progress
        )
        var model = result.model
        if request.label != nil || previous != nil {
            model = try model.withLineage(label: request.label, parent: previous?.modelVersion)
        }
        if let outputPath = request.outputPath {
            try ModelFile.write(model, to: outputPath)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return TrainReport(
            model: model, ids: table.ids, labels: result.labels, rejects: table.rejects, seconds: seconds,
            warnings: result.warnings)
    }
}
