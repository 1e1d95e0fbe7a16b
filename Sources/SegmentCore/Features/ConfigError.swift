package import SegmentSupport

/// Why a pipeline spec could not be loaded or compiled: what is wrong, where, and how to fix it.
///
/// `description` is a complete, human-readable message such as
/// `pipeline.toml:14:8: derived[1].expr: unknown column "CASH_ADVANC" at column 1 of the expression … Fix: …`.
package struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for callers and tests that branch on it.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case tomlSyntax = "TOML syntax error"
            case unknownKey = "unknown key"
            case missingKey = "missing key"
            case wrongType = "wrong type"
            case invalidValue = "invalid value"
            case duplicateName = "duplicate name"
            case unknownName = "unknown name"
            case expressionSyntax = "expression syntax error"
            case expressionType = "expression type error"
            case wrongArity = "wrong number of arguments"
            case unknownFunction = "unknown function"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        package var description: String { wrapped.rawValue }

        /// The text is not valid TOML.
        package static let tomlSyntax = Code(.tomlSyntax)
        /// A key the spec does not define.
        package static let unknownKey = Code(.unknownKey)
        /// A required key is absent.
        package static let missingKey = Code(.missingKey)
        /// A key holds a value of the wrong TOML type.
        package static let wrongType = Code(.wrongType)
        /// A value has the right type but is out of range or contradicts another value.
        package static let invalidValue = Code(.invalidValue)
        /// A column, derived feature, category or feature name is declared twice.
        package static let duplicateName = Code(.duplicateName)
        /// An expression or feature refers to a column or derived feature that does not exist (yet).
        package static let unknownName = Code(.unknownName)
        /// An expression does not parse.
        package static let expressionSyntax = Code(.expressionSyntax)
        /// An expression mixes numbers and conditions, e.g. a comparison where a number is needed.
        package static let expressionType = Code(.expressionType)
        /// A function is called with the wrong number of arguments.
        package static let wrongArity = Code(.wrongArity)
        /// An expression calls a function that does not exist.
        package static let unknownFunction = Code(.unknownFunction)
    }

    /// The kind of problem.
    package let code: Code
    /// The file name or other description of where the spec came from.
    package let source: String
    /// Dotted path of the offending key, e.g. `kmeans.k` or `derived[1].expr`; nil for whole-document problems.
    package let keyPath: String?
    /// 1-based line in `source`, when known.
    package let line: Int?
    /// 1-based column in `source`, when known.
    package let column: Int?
    /// What is wrong, including the offending value.
    package let problem: String
    /// How to fix it.
    package let fix: String

    init(
        _ code: Code, source: String, keyPath: String? = nil, line: Int? = nil, column: Int? = nil,
        problem: String, fix: String
    ) {
        self.code = code
        self.source = source
        self.keyPath = keyPath
        self.line = line
        self.column = column
        self.problem = problem
        self.fix = fix
    }

    /// A problem the settings reader found (syntax, unknown or missing key, type, value), kept as it words it.
    init(_ error: SettingsError) {
        let code: Code =
            switch error.code {
            case .syntax, .unreadable: .tomlSyntax
            case .unknownKey: .unknownKey
            case .missingKey: .missingKey
            case .wrongType: .wrongType
            default: .invalidValue
            }
        self.init(
            code, source: error.file, keyPath: error.keyPath, line: error.line, column: error.column,
            problem: error.problem, fix: error.fix)
    }

    /// The full message: `source:line:column: key: problem. Fix: fix`.
    package var description: String {
        var location = source
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        let key = keyPath.map { "\($0): " } ?? ""
        return "\(location): \(key)\(problem). Fix: \(fix)"
    }
}

extension ConfigError: ExitStatusClassified {
    /// The pipeline spec is configuration: `EX_CONFIG`.
    package var exitStatus: ExitStatus { .configuration }
}
