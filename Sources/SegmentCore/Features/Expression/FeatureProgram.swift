import Foundation

/// One operation of a `FeatureProgram`; `FeatureProgram.run` defines what each computes (an exporter that rebuilds
/// the program elsewhere, as ONNX, follows it: division by zero gives 0, conditions are 1 or 0).
package enum FeatureOpcode: UInt8, Sendable, CaseIterable {
    case copy
    case add, subtract, multiply, divide, negate
    case log1p, abs, minimum, maximum
    case less, lessEqual, greater, greaterEqual, equal, notEqual
    case and, or, not

    /// Whether the result is a condition (1 or 0) rather than a number.
    package var isCondition: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual, .and, .or, .not: true
        default: false
        }
    }

    /// Whether the operation reads only its left operand.
    package var isUnary: Bool { [.copy, .negate, .log1p, .abs, .not].contains(self) }
}

/// A flat register program computing every derived feature and rule condition of a pipeline for one row.
///
/// Registers hold doubles; conditions are 1 (true) or 0 (false). The interpreter is one loop over
/// fixed-size instructions with a switch, so evaluating a row allocates nothing and makes no calls per node.
struct FeatureProgram: Sendable {
    typealias Opcode = FeatureOpcode

    /// `registers[target] = opcode(registers[left], registers[right])`; unary opcodes ignore `right`.
    struct Instruction: Sendable, Equatable {
        var opcode: Opcode
        var target: Int32
        var left: Int32
        var right: Int32
    }

    private(set) var instructions: [Instruction] = []
    /// Total registers a row needs: named values, temporaries, then the constants block.
    private(set) var registerCount: Int
    /// First register of the constants block; `constants[i]` lives in register `constantBase + i`.
    private(set) var constantBase = 0
    private(set) var constants: [Double] = []
    private var constantIndex: [UInt64: Int32] = [:]
    /// Register holding each operation already emitted, so repeated subexpressions are computed once.
    private var computed: [Operation: Int32] = [:]

    private struct Operation: Hashable {
        var opcode: Opcode
        var left: Int32
        var right: Int32
    }

    /// Starts a program whose registers below `firstFreeRegister` are reserved for named values.
    init(firstFreeRegister: Int) {
        registerCount = firstFreeRegister
    }

    /// The register holding `opcode(left, right)`: a new instruction the first time, the same register after.
    mutating func result(of opcode: Opcode, _ left: Int32, _ right: Int32? = nil) -> Int32 {
        let operation = Operation(opcode: opcode, left: left, right: right ?? left)
        if let register = computed[operation] { return register }
        let target = Int32(registerCount)
        registerCount += 1
        instructions.append(Instruction(opcode: opcode, target: target, left: operation.left, right: operation.right))
        computed[operation] = target
        return target
    }

    /// Copies `source` into `target`.
    mutating func copy(_ source: Int32, to target: Int32) {
        instructions.append(Instruction(opcode: .copy, target: target, left: source, right: source))
    }

    /// A placeholder operand for a constant; `finalize()` moves constants into their block.
    mutating func constant(_ value: Double) -> Int32 {
        if let placeholder = constantIndex[value.bitPattern] { return placeholder }
        constants.append(value)
        let placeholder = Int32(-constants.count)
        constantIndex[value.bitPattern] = placeholder
        return placeholder
    }

    /// Whether the last instruction wrote `register`, so its target can be redirected instead of copying.
    func lastInstructionWrites(_ register: Int32) -> Bool {
        instructions.last?.target == register
    }

    /// Makes the last instruction write `target` instead of its temporary (which nothing else reads yet).
    mutating func redirectLastInstruction(to target: Int32) {
        let last = instructions[instructions.count - 1]
        computed[Operation(opcode: last.opcode, left: last.left, right: last.right)] = target
        instructions[instructions.count - 1].target = target
    }

    /// Places the constants after all other registers and rewrites placeholder operands to point at them.
    mutating func finalize() {
        constantBase = registerCount
        registerCount += constants.count
        let base = Int32(constantBase)
        func resolve(_ operand: Int32) -> Int32 { operand < 0 ? base - operand - 1 : operand }
        for index in instructions.indices {
            instructions[index].left = resolve(instructions[index].left)
            instructions[index].right = resolve(instructions[index].right)
        }
        constantIndex = [:]
        computed = [:]
    }

    /// Runs every instruction over `registers`, which must already hold inputs and constants.
    @inline(__always)
    static func run(_ code: UnsafeBufferPointer<Instruction>, registers: UnsafeMutablePointer<Double>) {
        for instruction in code {
            let a = registers[Int(instruction.left)]
            let b = registers[Int(instruction.right)]
            let result: Double
            switch instruction.opcode {
            case .copy: result = a
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide: result = b == 0 ? 0 : a / b
            case .negate: result = -a
            case .log1p: result = Foundation.log1p(a)
            case .abs: result = Swift.abs(a)
            case .minimum: result = Double.minimum(a, b)
            case .maximum: result = Double.maximum(a, b)
            case .less: result = a < b ? 1 : 0
            case .lessEqual: result = a <= b ? 1 : 0
            case .greater: result = a > b ? 1 : 0
            case .greaterEqual: result = a >= b ? 1 : 0
            case .equal: result = a == b ? 1 : 0
            case .notEqual: result = a != b ? 1 : 0
            case .and: result = a != 0 && b != 0 ? 1 : 0
            case .or: result = a != 0 || b != 0 ? 1 : 0
            case .not: result = a == 0 ? 1 : 0
            }
            registers[Int(instruction.target)] = result
        }
    }
}
