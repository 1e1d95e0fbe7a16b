/// A compiled `PipelineSpec`: turns rows of raw input values into model features (and profile values) fast.
///
/// Per row it fills blanks (NaN) with the column medians, runs the derived expressions and category rules as
/// one flat register program, applies the numeric transforms and writes the one-hot block. Building one checks
/// the whole spec and throws a `ConfigError` naming the offending key.
package struct FeaturePipeline: Sendable {
    /// The spec this pipeline was compiled from.
    package let spec: PipelineSpec
    /// Raw numeric columns to read, in the order `transform` expects them.
    package let inputColumns: [String]
    /// Derived feature names, in evaluation order.
    package let derivedNames: [String]
    /// Values written to `profileOut`: the input columns, then the derived features.
    package let profileColumns: [String]
    /// Model feature names: numeric features in spec order, then one-hot columns named `feature=category`.
    package let featureNames: [String]
    /// How many leading features are numeric (and get standard-scaled).
    package let numericFeatureCount: Int
    /// How many trailing features are one-hot 0/1 columns.
    package let oneHotCount: Int

    let kernel: RowKernel
    /// The per-row computation as data, for exporters (`FeatureComputation`).
    package let computation: FeatureComputation

    /// Total number of model features.
    package var featureCount: Int { numericFeatureCount + oneHotCount }

    /// Compiles `spec`, checking every name, expression, category and setting.
    package init(spec: PipelineSpec) throws(ConfigError) {
        try self.init(spec: spec, diagnostics: SpecDiagnostics(source: "pipeline spec"))
    }

    init(spec: PipelineSpec, diagnostics: SpecDiagnostics) throws(ConfigError) {
        try spec.checkSettings(diagnostics)
        let plan = try ExecutionPlan(spec: spec, diagnostics: diagnostics)
        self.spec = spec
        kernel = RowKernel(plan)
        computation = FeatureComputation(plan)
        inputColumns = spec.columns
        derivedNames = spec.derived.map(\.name)
        profileColumns = spec.columns + derivedNames
        numericFeatureCount = spec.features.count
        oneHotCount = spec.categorical.reduce(0) { $0 + $1.categories.count }
        featureNames =
            spec.features.map(\.name)
            + spec.categorical.flatMap { feature in feature.categories.map { "\(feature.name)=\($0)" } }
        if case .components(let count) = spec.pca, count > featureNames.count {
            throw diagnostics.error(
                .invalidValue, at: "pca.components",
                problem: "asks for \(count) components but the pipeline has only \(featureNames.count) features",
                fix: "set pca.components to at most \(featureNames.count), or use pca.variance")
        }
    }
}
