/// What a `FeaturePipeline` computes for one row, as plain data: the register program, the registers the numeric
/// features and category rules are read from, and the one-hot layout. It lets an exporter rebuild exactly the
/// scorer's per-row arithmetic in another runtime (ONNX) without reaching into the hot-path types.
///
/// Registers: `0..<inputCount` hold the imputed inputs (in `FeaturePipeline.inputColumns` order), then the derived
/// features, temporaries and the constants. Every register is written at most once, in `steps` order.
package struct FeatureComputation: Sendable {
    /// `registers[target] = opcode(registers[left], registers[right])`; unary opcodes read only `left`.
    package struct Step: Sendable, Equatable {
        package var opcode: FeatureOpcode
        package var target: Int
        package var left: Int
        package var right: Int
    }

    /// One numeric feature: the register holding its untransformed value and whether sign(x)*log1p(|x|) applies.
    package struct NumericFeature: Sendable, Equatable {
        package var register: Int
        package var signedLog1p: Bool
    }

    /// One categorical feature's one-hot block: the first rule (in order) whose condition register is not 0 picks
    /// its category, else `defaultCategory`; the block has `categoryCount` 0/1 columns.
    package struct Categorical: Sendable {
        package var rules: [(register: Int, category: Int)]
        package var defaultCategory: Int
        package var categoryCount: Int
    }

    package let inputCount: Int
    /// Registers `inputCount..<profileCount` hold the derived features, in `FeaturePipeline.derivedNames` order.
    package let profileCount: Int
    package let registerCount: Int
    /// Constant registers and their values.
    package let constants: [(register: Int, value: Double)]
    package let steps: [Step]
    /// The numeric features, in model order (they come first in the feature vector).
    package let numericFeatures: [NumericFeature]
    /// The one-hot blocks, in model order after the numeric features.
    package let categoricals: [Categorical]

    init(_ plan: ExecutionPlan) {
        let program = plan.program
        inputCount = plan.inputCount
        profileCount = plan.profileCount
        registerCount = program.registerCount
        constants = program.constants.enumerated().map { (program.constantBase + $0.offset, $0.element) }
        steps = program.instructions.map {
            Step(opcode: $0.opcode, target: Int($0.target), left: Int($0.left), right: Int($0.right))
        }
        let signedLog = Set(plan.signedLogFeatures)
        numericFeatures = plan.numericRegisters.enumerated().map {
            NumericFeature(register: Int($0.element), signedLog1p: signedLog.contains($0.offset))
        }
        let nextOffsets = plan.categoricals.dropFirst().map(\.oneHotOffset) + [plan.featureCount]
        categoricals = zip(plan.categoricals, nextOffsets).map { block, next in
            Categorical(
                rules: block.rules.map { (Int(plan.ruleRegisters[$0]), plan.ruleCategories[$0]) },
                defaultCategory: block.defaultCategory, categoryCount: next - block.oneHotOffset)
        }
    }
}
