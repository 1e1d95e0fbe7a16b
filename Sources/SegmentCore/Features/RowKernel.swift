/// The per-row hot path of a `FeaturePipeline`: an `ExecutionPlan` copied into plain, immutable memory so that
/// transforming a row touches no reference counts and no array bounds.
///
/// `@unchecked Sendable`: every buffer is written once in `init` and only read afterwards; `deinit` frees them.
final class RowKernel: @unchecked Sendable {
    let inputCount: Int
    let profileCount: Int
    let registerCount: Int
    let featureCount: Int
    private let numericCount: Int
    private let constantBase: Int
    private let constants: UnsafeBufferPointer<Double>
    private let instructions: UnsafeBufferPointer<FeatureProgram.Instruction>
    private let numericRegisters: UnsafeBufferPointer<Int32>
    private let signedLogFeatures: UnsafeBufferPointer<Int>
    private let ruleRegisters: UnsafeBufferPointer<Int32>
    private let ruleCategories: UnsafeBufferPointer<Int>
    private let categoricals: UnsafeBufferPointer<ExecutionPlan.CategoricalBlock>

    init(_ plan: ExecutionPlan) {
        inputCount = plan.inputCount
        profileCount = plan.profileCount
        registerCount = max(1, plan.program.registerCount)
        featureCount = plan.featureCount
        numericCount = plan.numericRegisters.count
        constantBase = plan.program.constantBase
        constants = Self.copy(plan.program.constants)
        instructions = Self.copy(plan.program.instructions)
        numericRegisters = Self.copy(plan.numericRegisters)
        signedLogFeatures = Self.copy(plan.signedLogFeatures)
        ruleRegisters = Self.copy(plan.ruleRegisters)
        ruleCategories = Self.copy(plan.ruleCategories)
        categoricals = Self.copy(plan.categoricals)
    }

    deinit {
        constants.deallocate()
        instructions.deallocate()
        numericRegisters.deallocate()
        signedLogFeatures.deallocate()
        ruleRegisters.deallocate()
        ruleCategories.deallocate()
        categoricals.deallocate()
    }

    private static func copy<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(fromContentsOf: array)
        return UnsafeBufferPointer(rebasing: buffer[0..<array.count])
    }

    /// Imputes `raw` in place, runs the program in `registers` (`registerCount` values), writes the profile if
    /// asked and the features.
    @inline(__always)
    func run(
        raw: UnsafeMutablePointer<Double>, medians: UnsafePointer<Double>, registers: UnsafeMutablePointer<Double>,
        profile: UnsafeMutablePointer<Double>?, features: UnsafeMutablePointer<Double>
    ) {
        for column in 0..<inputCount {
            let value = raw[column]
            let filled = value.isNaN ? medians[column] : value
            raw[column] = filled
            registers[column] = filled
        }
        for (offset, constant) in constants.enumerated() {
            registers[constantBase + offset] = constant
        }
        FeatureProgram.run(instructions, registers: registers)
        profile?.update(from: registers, count: profileCount)
        for index in 0..<numericCount {
            features[index] = registers[Int(numericRegisters[index])]
        }
        Self.applySignedLog1p(features, at: signedLogFeatures)
        guard !categoricals.isEmpty else { return }
        (features + numericCount).update(repeating: 0, count: featureCount - numericCount)
        for block in categoricals {
            var chosen = block.defaultCategory
            for rule in block.rules where registers[Int(ruleRegisters[rule])] != 0 {
                chosen = ruleCategories[rule]
                break
            }
            features[block.oneHotOffset + chosen] = 1
        }
    }

    /// Replaces `features[i]` by sign(x)·log1p(|x|) for every i in `positions`, eight lanes at a time; a partial
    /// last group is padded with zeros.
    @inline(__always)
    private static func applySignedLog1p(
        _ features: UnsafeMutablePointer<Double>, at positions: UnsafeBufferPointer<Int>
    ) {
        var start = 0
        while start + 8 <= positions.count {
            var values = SIMD8<Double>()
            for lane in 0..<8 { values[lane] = features[positions[start + lane]] }
            let results = FastLog1p.signed(values)
            for lane in 0..<8 { features[positions[start + lane]] = results[lane] }
            start += 8
        }
        guard start < positions.count else { return }
        let lanes = positions.count - start
        var values = SIMD8<Double>()
        for lane in 0..<lanes { values[lane] = features[positions[start + lane]] }
        let results = FastLog1p.signed(values)
        for lane in 0..<lanes { features[positions[start + lane]] = results[lane] }
    }
}
