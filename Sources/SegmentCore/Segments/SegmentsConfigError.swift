package import SegmentSupport

/// A problem in a segment naming configuration (`segments.toml`): what is wrong, where, and how to fix it.
package struct SegmentsConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for programs that react to some kinds differently.
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Wrapped: String, Sendable, Hashable {
            case syntax, unknownKey, missingKey, wrongType, invalidValue, duplicateName, unknownColumn
        }

        fileprivate let wrapped: Wrapped

        fileprivate init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The text is not valid TOML.
        package static let syntax = Code(.syntax)
        /// A key the configuration does not define.
        package static let unknownKey = Code(.unknownKey)
        /// A required key is absent.
        package static let missingKey = Code(.missingKey)
        /// A value has the wrong TOML type.
        package static let wrongType = Code(.wrongType)
        /// A value has the right type but is not allowed (bad priority, empty signature, …).
        package static let invalidValue = Code(.invalidValue)
        /// Two archetypes share a name.
        package static let duplicateName = Code(.duplicateName)
        /// A signature names a column the model does not have.
        package static let unknownColumn = Code(.unknownColumn)

        /// The code's name, e.g. `unknownKey`.
        package var description: String { wrapped.rawValue }
    }

    /// The kind of problem.
    package var code: Code
    /// Name of the configuration the problem is in, e.g. `segments.toml`.
    package var source: String
    /// 1-based line of the problem when it could be located.
    package var line: Int?
    /// 1-based column of the problem when it could be located.
    package var column: Int?
    /// Dotted path of the offending key, e.g. `archetype[2].signature.hihg`; empty when not tied to a key.
    package var keyPath: String
    /// What is wrong and how to fix it.
    package var message: String

    init(_ code: Code, source: String, keyPath: String = "", line: Int? = nil, column: Int? = nil, message: String) {
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    /// A problem the settings reader found (syntax, unknown or missing key, type, value), kept as it words it.
    init(_ error: SettingsError) {
        let code: Code =
            switch error.code {
            case .syntax, .unreadable: .syntax
            case .unknownKey: .unknownKey
            case .missingKey: .missingKey
            case .wrongType: .wrongType
            default: .invalidValue
            }
        let key = error.keyPath.map { "\($0): " } ?? ""
        self.init(
            code, source: error.file, keyPath: error.keyPath ?? "", line: error.line, column: error.column,
            message: "\(key)\(error.problem). Fix: \(error.fix)")
    }

    /// `source:line:column: message`, leaving out what is unknown.
    package var description: String {
        var location = source
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return "\(location): \(message)"
    }
}

extension SegmentsConfigError: ExitStatusClassified {
    /// The segment archetypes are configuration: `EX_CONFIG`.
    package var exitStatus: ExitStatus { .configuration }
}
