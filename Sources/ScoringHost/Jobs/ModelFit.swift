package import SegmentCore

/// Checks that a model fits the configured pipeline file before anything scores with it.
///
/// `segmentd validate` and the daemon (at start and on every reload) both ask this, so a model trained for another
/// pipeline is refused in one place with one message, and the old model stays. See ``PipelineCompatibility`` for
/// what refuses a model and what only asks for a retrain.
package enum ModelFit {
    /// Compares `model`'s embedded pipeline with the pipeline file at `pipelinePath`. The default path
    /// (`etc/pipeline.toml`) may be absent, then the built-in pipeline is the configured one.
    /// - Throws: ``JobError`` when the pipeline file cannot be read, or the spec's error when it does not parse.
    package static func compatibility(of model: SegmentModel, pipelinePath: String) throws -> PipelineCompatibility {
        let text = try ConfigText.read(
            explicit: pipelinePath == DefaultPaths.pipeline ? nil : pipelinePath, defaultPath: DefaultPaths.pipeline,
            builtIn: PipelineSpec.defaultTOML)
        let configured = try PipelineSpec(toml: text.text, source: text.source)
        return PipelineCompatibility(model: model.pipeline, configured: configured)
    }

    /// Like ``compatibility(of:pipelinePath:)``, but throws when the model cannot score the configured input.
    /// - Returns: the differences that only need a retrain, for the caller to warn about.
    package static func requireCompatible(
        _ model: SegmentModel, modelPath: String, pipelinePath: String
    ) throws -> [String] {
        let fit = try compatibility(of: model, pipelinePath: pipelinePath)
        guard fit.isCompatible else {
            throw JobError.foreignModel(modelPath: modelPath, pipelinePath: pipelinePath, differences: fit.blocking)
        }
        return fit.retrainToApply
    }

    /// The warning for differences that need a retrain, naming both files; nil when there are none.
    package static func retrainWarning(_ differences: [String], modelPath: String, pipelinePath: String) -> String? {
        guard !differences.isEmpty else { return nil }
        return "the model \(modelPath) was trained with another version of \(pipelinePath) (it differs in "
            + differences.joined(separator: ", ")
            + "); the model keeps scoring with the pipeline it embeds: retrain (`segmentd train DATA`) to "
            + "apply the edit"
    }
}
