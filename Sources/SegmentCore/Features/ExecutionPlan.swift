/// A checked and compiled spec as flat arrays: the register program and where to read each numeric feature and
/// category rule from. `RowKernel` copies it into plain memory for the per-row hot path.
///
/// Register layout: input columns, derived features, intermediate results, constants.
struct ExecutionPlan: Sendable {
    /// A categorical feature's slice of `ruleRegisters`/`ruleCategories` and its one-hot position.
    struct CategoricalBlock: Sendable {
        var rules: Range<Int>
        var defaultCategory: Int
        var oneHotOffset: Int
    }

    let inputCount: Int
    /// Inputs plus derived features: the profile values, registers `0..<profileCount`.
    let profileCount: Int
    let program: FeatureProgram
    /// Register holding each numeric feature's untransformed value.
    let numericRegisters: [Int32]
    /// Positions of the numeric features that get sign(x)·log1p(|x|).
    let signedLogFeatures: [Int]
    /// Register holding each rule's condition (1 or 0), all categoricals' rules concatenated.
    let ruleRegisters: [Int32]
    /// Category index each rule selects.
    let ruleCategories: [Int]
    let categoricals: [CategoricalBlock]
    let featureCount: Int

    init(spec: PipelineSpec, diagnostics: SpecDiagnostics) throws(ConfigError) {
        let check = SpecNameCheck(diagnostics: diagnostics)
        try check.columns(spec)
        inputCount = spec.columns.count
        profileCount = inputCount + spec.derived.count

        var compiler = ExpressionCompiler(
            program: FeatureProgram(firstFreeRegister: profileCount), idColumn: spec.idColumn)
        for (index, column) in spec.columns.enumerated() {
            compiler.define(column, register: Int32(index))
        }
        compiler.declareLater(spec.derived.map(\.name))
        for (index, feature) in spec.derived.enumerated() {
            try check.derivedName(feature.name, at: index, spec: spec)
            let register = Int32(inputCount + index)
            do throws(ExpressionError) {
                _ = try compiler.compile(feature.expr, as: .number, into: register)
            } catch {
                throw diagnostics.expressionError(
                    error.code, at: "derived[\(index)].expr", expression: feature.expr, offset: error.offset,
                    owner: "derived feature '\(feature.name)'", problem: error.problem, fix: error.fix)
            }
            compiler.define(feature.name, register: register)
        }

        var numericRegisters: [Int32] = []
        for (index, feature) in spec.features.enumerated() {
            try check.numericFeature(feature.name, at: index, spec: spec)
            guard let register = compiler.register(of: feature.name) else {
                throw check.unknownFeature(feature.name, at: index, spec: spec)
            }
            numericRegisters.append(register)
        }
        self.numericRegisters = numericRegisters
        signedLogFeatures = spec.features.indices.filter { spec.features[$0].transform == .signedLog1p }

        var ruleRegisters: [Int32] = []
        var ruleCategories: [Int] = []
        var categoricals: [CategoricalBlock] = []
        var oneHotOffset = spec.features.count
        for (index, feature) in spec.categorical.enumerated() {
            try check.categorical(feature, at: index, spec: spec)
            let firstRule = ruleRegisters.count
            for (ruleIndex, rule) in feature.rules.enumerated() {
                let keyPath = "categorical[\(index)].rules[\(ruleIndex)]"
                guard let category = feature.categories.firstIndex(of: rule.category) else {
                    throw check.unknownCategory(rule.category, at: "\(keyPath).category", feature: feature)
                }
                do throws(ExpressionError) {
                    ruleRegisters.append(try compiler.compile(rule.when, as: .condition))
                } catch {
                    throw diagnostics.expressionError(
                        error.code, at: "\(keyPath).when", expression: rule.when, offset: error.offset,
                        owner: "rule \(ruleIndex + 1) of '\(feature.name)'", problem: error.problem, fix: error.fix)
                }
                ruleCategories.append(category)
            }
            guard let defaultCategory = feature.categories.firstIndex(of: feature.default) else {
                throw check.unknownCategory(feature.default, at: "categorical[\(index)].default", feature: feature)
            }
            categoricals.append(
                CategoricalBlock(
                    rules: firstRule..<ruleRegisters.count, defaultCategory: defaultCategory, oneHotOffset: oneHotOffset
                ))
            oneHotOffset += feature.categories.count
        }
        self.ruleRegisters = ruleRegisters
        self.ruleCategories = ruleCategories
        self.categoricals = categoricals
        featureCount = oneHotOffset
        guard featureCount > 0 else { throw check.noFeatures() }

        var program = compiler.program
        program.finalize()
        self.program = program
    }
}
