import SegmentSupport

/// Type-checks parsed expressions and emits them into a `FeatureProgram`.
struct ExpressionCompiler {
    /// What an expression produces.
    enum ValueKind {
        case number
        case condition

        var phrase: String { self == .number ? "a number" : "a condition (true/false)" }
    }

    private(set) var program: FeatureProgram
    /// Names expressions may use, with their registers.
    private var visible: [String: Int32] = [:]
    /// Names that exist but may not be used yet (derived features declared later).
    private var declaredLater: Set<String> = []
    private let idColumn: String
    /// Registers from here on hold intermediate results.
    private let firstTemporary: Int32

    init(program: FeatureProgram, idColumn: String) {
        self.program = program
        self.idColumn = idColumn
        firstTemporary = Int32(program.registerCount)
    }

    /// Makes `name` usable in later expressions.
    mutating func define(_ name: String, register: Int32) {
        visible[name] = register
        declaredLater.remove(name)
    }

    /// Marks `names` as existing but not yet usable, for clearer unknown-name errors.
    mutating func declareLater(_ names: [String]) {
        declaredLater.formUnion(names)
    }

    func register(of name: String) -> Int32? {
        visible[name]
    }

    /// Compiles `text`, which must produce `kind`; the result lands in `target` if given, else in a new register.
    mutating func compile(_ text: String, as kind: ValueKind, into target: Int32? = nil) throws(ExpressionError)
        -> Int32
    {
        let syntax = try ExpressionParser.parse(text)
        let firstInstruction = program.instructions.count
        let (result, resultKind) = try emit(syntax)
        guard resultKind == kind else {
            let fix =
                kind == .number
                ? "remove the comparison; conditions belong in [[categorical.rules]] `when`"
                : "compare the value, e.g. \(text) > 0"
            throw ExpressionError(
                code: .expressionType, offset: 0, problem: "must be \(kind.phrase) but is \(resultKind.phrase)",
                fix: fix)
        }
        guard let target, result != target else { return result }
        if result >= firstTemporary, program.instructions.count > firstInstruction,
            program.lastInstructionWrites(result)
        {
            program.redirectLastInstruction(to: target)
        } else {
            program.copy(result, to: target)
        }
        return target
    }

    private mutating func emit(_ syntax: ExpressionSyntax) throws(ExpressionError) -> (Int32, ValueKind) {
        switch syntax {
        case .number(let value, _):
            return (program.constant(value), .number)
        case .name(let name, let offset):
            guard let register = visible[name] else { throw unknownName(name, offset: offset) }
            return (register, .number)
        case .negate(.number(let value, _), _):
            return (program.constant(-value), .number)
        case .negate(let operand, _):
            let source = try operandRegister(operand, kind: .number, role: "the operand of unary '-'")
            return (emitResult(.negate, source), .number)
        case .not(let operand, _):
            let source = try operandRegister(operand, kind: .condition, role: "the operand of 'not'")
            return (emitResult(.not, source), .condition)
        case .binary(let op, let left, let right, _):
            return try emitBinary(op, left, right)
        case .call(let name, let arguments, let offset):
            return (try emitCall(name, arguments, offset: offset), .number)
        }
    }

    private mutating func emitBinary(
        _ op: ExpressionSyntax.BinaryOperator, _ left: ExpressionSyntax, _ right: ExpressionSyntax
    ) throws(ExpressionError) -> (Int32, ValueKind) {
        let operandKind: ValueKind = op.isLogical ? .condition : .number
        let a = try operandRegister(left, kind: operandKind, role: "the left side of '\(op.rawValue)'")
        let b = try operandRegister(right, kind: operandKind, role: "the right side of '\(op.rawValue)'")
        let opcode: FeatureProgram.Opcode =
            switch op {
            case .add: .add
            case .subtract: .subtract
            case .multiply: .multiply
            case .divide: .divide
            case .less: .less
            case .lessEqual: .lessEqual
            case .greater: .greater
            case .greaterEqual: .greaterEqual
            case .equal: .equal
            case .notEqual: .notEqual
            case .and: .and
            case .or: .or
            }
        return (emitResult(opcode, a, b), op.isArithmetic ? .number : .condition)
    }

    private mutating func emitCall(
        _ name: String, _ arguments: [ExpressionSyntax], offset: Int
    ) throws(ExpressionError) -> Int32 {
        guard let function = ExpressionFunction(rawValue: name) else {
            let suggestion = NameSuggestion.closest(to: name, among: ExpressionFunction.allCases.map(\.rawValue))
            throw ExpressionError(
                code: .unknownFunction, offset: offset, problem: "unknown function '\(name)'",
                fix: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "available: " + ExpressionFunction.allNames)
        }
        guard function.arity.contains(arguments.count) else {
            let expected =
                function.arity.upperBound == Int.max
                ? "at least \(function.arity.lowerBound)" : "\(function.arity.lowerBound)"
            throw ExpressionError(
                code: .wrongArity, offset: offset,
                problem:
                    "\(name) takes \(expected) argument\(expected == "1" ? "" : "s") but was given \(arguments.count)",
                fix: "call it as \(function.signature)")
        }
        var registers: [Int32] = []
        for (position, argument) in arguments.enumerated() {
            registers.append(try operandRegister(argument, kind: .number, role: "argument \(position + 1) of \(name)"))
        }
        switch function {
        case .log1p: return emitResult(.log1p, registers[0])
        case .abs: return emitResult(.abs, registers[0])
        case .min: return registers.dropFirst().reduce(registers[0]) { emitResult(.minimum, $0, $1) }
        case .max: return registers.dropFirst().reduce(registers[0]) { emitResult(.maximum, $0, $1) }
        case .clip: return emitResult(.minimum, emitResult(.maximum, registers[0], registers[1]), registers[2])
        }
    }

    private mutating func operandRegister(
        _ syntax: ExpressionSyntax, kind: ValueKind, role: String
    ) throws(ExpressionError) -> Int32 {
        let (register, actual) = try emit(syntax)
        guard actual == kind else {
            let fix =
                kind == .number
                ? "use a number here; conditions only combine with and/or/not"
                : "turn the number into a condition with a comparison, e.g. X > 0"
            throw ExpressionError(
                code: .expressionType, offset: syntax.startOffset,
                problem: "\(role) must be \(kind.phrase) but is \(actual.phrase)", fix: fix)
        }
        return register
    }

    private mutating func emitResult(_ opcode: FeatureProgram.Opcode, _ left: Int32, _ right: Int32? = nil) -> Int32 {
        program.result(of: opcode, left, right)
    }

    private func unknownName(_ name: String, offset: Int) -> ExpressionError {
        if declaredLater.contains(name) {
            return ExpressionError(
                code: .unknownName, offset: offset, problem: "'\(name)' is a derived feature declared after this one",
                fix: "move the [[derived]] entry for '\(name)' above this one")
        }
        if name == idColumn {
            return ExpressionError(
                code: .unknownName, offset: offset, problem: "'\(name)' is the id column, which is not numeric",
                fix: "use a numeric column from `columns`")
        }
        let suggestion = NameSuggestion.closest(to: name, among: Array(visible.keys).sorted())
        return ExpressionError(
            code: .unknownName, offset: offset, problem: "unknown column '\(name)'",
            fix: (suggestion.map { "did you mean '\($0)'? Otherwise " } ?? "")
                + "add it to `columns` or declare it as an earlier [[derived]] feature")
    }
}
