/// How a model's embedded pipeline compares with the pipeline file the configuration names.
///
/// The model's embedded pipeline is what scores: it is the one the scaler, PCA and centroids were fitted on. The
/// configured file matters for *which files fit*: the daemon and its operators expect input with the configured id
/// column and input columns. So a model that reads another id column or other input columns is foreign — a model
/// trained for another pipeline (an RFM model copied over the credit-card one) would fail every file — and is
/// refused. Any other difference (derived features, transforms, one-hot rules, PCA or k-means settings) means the
/// file was edited after training: the model still scores as it was trained, and the operator is told to retrain
/// to apply the edit.
package struct PipelineCompatibility: Sendable, Equatable {
    /// Differences that make the model unusable with the configured pipeline; empty when it fits.
    package var blocking: [String]
    /// Differences the model ignores until it is retrained.
    package var retrainToApply: [String]

    package var isCompatible: Bool { blocking.isEmpty }

    /// Compares `model`, the pipeline embedded in a model file, with `configured`, the configured pipeline file.
    package init(model: PipelineSpec, configured: PipelineSpec) {
        var blocking: [String] = []
        if model.idColumn != configured.idColumn {
            blocking.append(
                "the model's id column is '\(model.idColumn)' but the configured pipeline's is '\(configured.idColumn)'"
            )
        }
        if Set(model.columns) != Set(configured.columns) {
            blocking.append(Self.columnDifference(model: model.columns, configured: configured.columns))
        }
        var later: [String] = []
        if model.derived != configured.derived { later.append("derived features") }
        if model.features != configured.features { later.append("numeric features or their transforms") }
        if model.categorical != configured.categorical { later.append("categorical features") }
        if model.pca != configured.pca { later.append("PCA settings") }
        if model.kmeans != configured.kmeans { later.append("k-means settings (k)") }
        self.blocking = blocking
        self.retrainToApply = later
    }

    /// One sentence naming the columns only one side reads. Their order does not matter: input columns are found by
    /// header name.
    private static func columnDifference(model: [String], configured: [String]) -> String {
        let onlyModel = model.filter { !configured.contains($0) }
        let onlyConfigured = configured.filter { !model.contains($0) }
        var parts: [String] = []
        if !onlyModel.isEmpty {
            parts.append("the model reads \(list(onlyModel)), which the configured pipeline does not")
        }
        if !onlyConfigured.isEmpty {
            parts.append("the configured pipeline reads \(list(onlyConfigured)), which the model does not")
        }
        return "the input columns differ: " + parts.joined(separator: "; ")
    }

    private static func list(_ names: [String]) -> String {
        let shown = names.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 5 ? "\(shown) and \(names.count - 5) more" : shown
    }
}
