package import SegmentCore

/// Checks that a model fits the configured pipeline file before anything scores with it, and says what the
/// training inputs (`pipeline`, `segments`) changed since the model was trained.
///
/// `segmentd validate` and the daemon (at start and on every reload) both ask this, so a model trained for another
/// pipeline is refused in one place with one message, and the old model stays. See ``PipelineCompatibility`` for
/// what refuses a model and what only asks for a retrain. The pipeline and the segments are training inputs: the
/// model embeds what it was trained with, so an edit only applies after `segmentd train`.
package enum ModelFit {
    /// Compares `model`'s embedded pipeline with the pipeline file at `pipelinePath` (nil: the built-in pipeline).
    /// - Throws: ``JobError`` when the pipeline file cannot be read, or the spec's error when it does not parse.
    package static func compatibility(of model: SegmentModel, pipelinePath: String?) throws -> PipelineCompatibility {
        let text = try ConfigText.read(pipelinePath, builtIn: PipelineSpec.defaultTOML, name: DefaultPaths.pipeline)
        let configured = try PipelineSpec(toml: text.text, source: text.source)
        return PipelineCompatibility(model: model.pipeline, configured: configured)
    }

    /// Like ``compatibility(of:pipelinePath:)``, but throws when the model cannot score the configured input.
    /// - Returns: the differences that only need a retrain, for the caller to warn about.
    package static func requireCompatible(
        _ model: SegmentModel, modelPath: String, pipelinePath: String?
    ) throws -> [String] {
        let fit = try compatibility(of: model, pipelinePath: pipelinePath)
        guard fit.isCompatible else {
            throw JobError.foreignModel(
                modelPath: modelPath, pipelinePath: pipelinePath ?? "the built-in pipeline",
                differences: fit.blocking)
        }
        return fit.retrainToApply
    }

    /// What in the segments file at `segmentsPath` (nil: the built-in archetypes) differs from the segments the
    /// model was named with: an archetype a segment is named after that the file no longer has, or whose
    /// description, marketing strategy or retention priority changed. Signature edits cannot be seen without
    /// retraining; they are not reported. A file that does not load reports nothing here (the file check does).
    package static func segmentDifferences(of model: SegmentModel, segmentsPath: String?) -> [String] {
        guard
            let text = try? ConfigText.read(
                segmentsPath, builtIn: SegmentArchetypes.defaultTOML, name: DefaultPaths.segments),
            let archetypes = try? SegmentArchetypes(toml: text.text, source: text.source)
        else { return [] }
        var differences: [String] = []
        for segment in model.segments {
            guard let archetype = archetypes.archetype(named: segment.name) else {
                let fallback = archetypes.fallback
                if segment.name != fallback.name(forSegment: segment.id) || segment.description != fallback.description
                    || segment.marketingStrategy != fallback.marketingStrategy
                {
                    differences.append("segment \"\(segment.name)\" (no archetype or fallback of that name)")
                }
                continue
            }
            let unchanged =
                archetype.description == segment.description && archetype.marketingStrategy == segment.marketingStrategy
                && archetype.retentionPriority.rawValue == segment.retentionPriority
            if !unchanged {
                differences.append("the archetype \"\(segment.name)\"")
            }
        }
        return differences
    }

    /// The warning for differences that need a retrain, naming the model and the file; nil when there are none.
    /// Every such warning says "retrain to apply", so an operator can search for it.
    package static func retrainWarning(_ differences: [String], modelPath: String, pipelinePath: String?) -> String? {
        retrainWarning(differences, modelPath: modelPath, file: pipelinePath ?? "the built-in pipeline")
    }

    /// The same for any training input `file` (the pipeline or the segments file).
    package static func retrainWarning(_ differences: [String], modelPath: String, file: String) -> String? {
        guard !differences.isEmpty else { return nil }
        return "the model \(modelPath) was trained with another version of \(file) (it differs in "
            + differences.joined(separator: ", ")
            + "); the model keeps scoring with what it embeds: retrain to apply (`segmentd train DATA`)"
    }

    /// Every retrain warning for `model` against the configured pipeline and segments (nil: built-in), and the
    /// warning that a model without a drift reference (format 1) has drift statistics off.
    /// - Throws: when the model cannot score the configured input at all (see ``requireCompatible``).
    package static func retrainWarnings(
        _ model: SegmentModel, modelPath: String, pipelinePath: String?, segmentsPath: String?
    ) throws -> [String] {
        let pipeline = try requireCompatible(model, modelPath: modelPath, pipelinePath: pipelinePath)
        let segments = segmentDifferences(of: model, segmentsPath: segmentsPath)
        return [
            retrainWarning(pipeline, modelPath: modelPath, pipelinePath: pipelinePath),
            retrainWarning(segments, modelPath: modelPath, file: segmentsPath ?? "the built-in segments"),
            model.driftWarning(source: modelPath),
        ].compactMap { $0 }
    }
}
