import SegmentCore

/// Rebuilds a pipeline's per-row computation (`FeatureComputation`) as ONNX nodes over whole columns: every
/// register becomes one tensor of shape [N, 1] (or a scalar while it depends on constants only), conditions are
/// `bool` tensors, and each operation follows `FeatureProgram.run` exactly (division by zero gives 0, `a != 0` is
/// what makes a number true). The result is the model's feature matrix [N, features].
struct ONNXFeatureGraph {
    private var builder: ONNXGraphBuilder
    private let computation: FeatureComputation
    private var names: [String]
    private var isCondition: [Bool]
    /// Whether a register varies by row ([N, 1]) rather than being a scalar built from constants only.
    private var isRow: [Bool]
    private var rowShapeName: String?
    private let inputName: String
    private let zero: String
    private let one: String

    /// - Parameters:
    ///   - imputed: the [N, inputs] tensor of imputed inputs.
    ///   - input: the graph input, whose first dimension gives N.
    init(
        builder: ONNXGraphBuilder, computation: FeatureComputation, inputColumns: [String], derivedNames: [String],
        imputed: String, input: String
    ) {
        self.builder = builder
        self.computation = computation
        inputName = input
        let count = computation.registerCount
        names = [String](repeating: "", count: count)
        isCondition = [Bool](repeating: false, count: count)
        isRow = [Bool](repeating: false, count: count)
        zero = self.builder.constant("zero", [0], dims: [])
        one = self.builder.constant("one", [1], dims: [])
        let columns = inputColumns.map { "raw/\($0)" }
        if columns.count == 1 {
            self.builder.add("Identity", [imputed], output: columns[0])
        } else {
            self.builder.add("Split", [imputed], attributes: [.init(name: "axis", value: .int(1))], outputs: columns)
        }
        for (register, name) in columns.enumerated() {
            names[register] = name
            isRow[register] = true
        }
        for (offset, constant) in computation.constants.enumerated() {
            names[constant.register] = self.builder.constant("const/\(offset)", [constant.value], dims: [])
        }
        for (offset, name) in derivedNames.enumerated() where computation.inputCount + offset < count {
            names[computation.inputCount + offset] = "derived/\(name)"
        }
    }

    /// Emits the whole program and the feature matrix; returns the builder and the matrix's name.
    consuming func build() -> (ONNXGraphBuilder, String) {
        for step in computation.steps { emit(step) }
        var columns: [String] = []
        for feature in computation.numericFeatures {
            var value = rowShaped(number(feature.register), isRow[feature.register])
            if feature.signedLog1p {
                let magnitude = builder.add("Log", [builder.add("Add", [builder.add("Abs", [value]), one])])
                value = builder.add("Mul", [builder.add("Sign", [value]), magnitude])
            }
            columns.append(value)
        }
        for (index, block) in computation.categoricals.enumerated() {
            columns.append(oneHot(block, index: index))
        }
        let features =
            columns.count == 1
            ? builder.add("Identity", columns, output: "features")
            : builder.add("Concat", columns, attributes: [.init(name: "axis", value: .int(1))], output: "features")
        return (builder, features)
    }

    private mutating func emit(_ step: FeatureComputation.Step) {
        let target = step.target
        let output = names[target].isEmpty ? "tmp/\(target)" : names[target]
        let a = step.left
        let b = step.right
        isRow[target] = isRow[a] || (!step.opcode.isUnary && isRow[b])
        isCondition[target] = step.opcode.isCondition
        switch step.opcode {
        case .copy:
            isCondition[target] = isCondition[a]
            builder.add("Identity", [names[a]], output: output)
        case .add: binary("Add", a, b, output)
        case .subtract: binary("Sub", a, b, output)
        case .multiply: binary("Mul", a, b, output)
        case .divide:
            let divisorIsZero = builder.add("Equal", [number(b), zero])
            let quotient = builder.add("Div", [number(a), number(b)])
            builder.add("Where", [divisorIsZero, zero, quotient], output: output)
        case .negate: builder.add("Neg", [number(a)], output: output)
        case .log1p: builder.add("Log", [builder.add("Add", [number(a), one])], output: output)
        case .abs: builder.add("Abs", [number(a)], output: output)
        case .minimum: binary("Min", a, b, output)
        case .maximum: binary("Max", a, b, output)
        case .less: binary("Less", a, b, output)
        case .lessEqual: binary("LessOrEqual", a, b, output)
        case .greater: binary("Greater", a, b, output)
        case .greaterEqual: binary("GreaterOrEqual", a, b, output)
        case .equal: binary("Equal", a, b, output)
        case .notEqual: builder.add("Not", [builder.add("Equal", [number(a), number(b)])], output: output)
        case .and: builder.add("And", [boolean(a), boolean(b)], output: output)
        case .or: builder.add("Or", [boolean(a), boolean(b)], output: output)
        case .not: builder.add("Not", [boolean(a)], output: output)
        }
        names[target] = output
    }

    private mutating func binary(_ operation: String, _ a: Int, _ b: Int, _ output: String) {
        builder.add(operation, [number(a), number(b)], output: output)
    }

    /// The register as a double tensor (a condition as 1 or 0).
    private mutating func number(_ register: Int) -> String {
        guard isCondition[register] else { return names[register] }
        return builder.add("Cast", [names[register]], attributes: [.init(name: "to", value: .int(11))])
    }

    /// The register as a bool tensor: a number is true when it is not 0 (NaN included), as `FeatureProgram.run`.
    private mutating func boolean(_ register: Int) -> String {
        guard !isCondition[register] else { return names[register] }
        return builder.add("Not", [builder.add("Equal", [names[register], zero])])
    }

    /// `value` broadcast to [N, 1] when it is a scalar built from constants only.
    private mutating func rowShaped(_ value: String, _ varies: Bool) -> String {
        guard !varies else { return value }
        return builder.add("Expand", [value, rowShape()])
    }

    /// The int64 shape [N, 1], built once from the input's shape.
    private mutating func rowShape() -> String {
        if let rowShapeName { return rowShapeName }
        let count = builder.add(
            "Shape", [inputName],
            attributes: [.init(name: "start", value: .int(0)), .init(name: "end", value: .int(1))])
        let oneDimension = builder.constant("shape/one", ints: [1], dims: [1])
        let shape = builder.add(
            "Concat", [count, oneDimension], attributes: [.init(name: "axis", value: .int(0))], output: "shape/row")
        rowShapeName = shape
        return shape
    }

    /// One categorical feature's 0/1 block [N, categories]: the first rule that holds picks the category, tried in
    /// order, else the default (built from the last rule back, each `Where` overriding what the later ones chose).
    private mutating func oneHot(_ block: FeatureComputation.Categorical, index: Int) -> String {
        var chosen = builder.constant("onehot\(index)/default", ints: [Int64(block.defaultCategory)], dims: [])
        var varies = false
        for (rule, entry) in block.rules.enumerated().reversed() {
            let category = builder.constant("onehot\(index)/rule\(rule)", ints: [Int64(entry.category)], dims: [])
            chosen = builder.add("Where", [boolean(entry.register), category, chosen])
            varies = varies || isRow[entry.register]
        }
        chosen = rowShaped(chosen, varies)
        let categories = builder.constant(
            "onehot\(index)/categories", ints: (0..<block.categoryCount).map(Int64.init), dims: [block.categoryCount])
        let matches = builder.add("Equal", [chosen, categories])
        return builder.add(
            "Cast", [matches], attributes: [.init(name: "to", value: .int(11))], output: "onehot\(index)")
    }
}
