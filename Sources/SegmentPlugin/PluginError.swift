package import SegmentSupport

/// Why a plugin could not be configured, built, or could not process a batch or file: what is wrong, where,
/// and how to fix it. A settings problem reads as the settings reader words it: file, line, key, value and fix.
public struct PluginError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case tomlSyntax = "TOML syntax error"
            case unknownKey = "unknown key"
            case missingKey = "missing key"
            case wrongType = "wrong type"
            case invalidValue = "invalid value"
            case unknownPlugin = "unknown plugin"
            case processingFailed = "processing failed"
            case stateUnavailable = "state unavailable"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        public var description: String { wrapped.rawValue }

        /// A settings file is not valid TOML.
        public static let tomlSyntax = Code(.tomlSyntax)
        /// A settings key the plugin does not define.
        public static let unknownKey = Code(.unknownKey)
        /// A required setting is absent.
        public static let missingKey = Code(.missingKey)
        /// A setting has the wrong TOML type.
        public static let wrongType = Code(.wrongType)
        /// A setting has the right type but a value the plugin cannot use.
        public static let invalidValue = Code(.invalidValue)
        /// `etc/plugins.d/` names a plugin that is not built in.
        public static let unknownPlugin = Code(.unknownPlugin)
        /// A batch or file could not be processed (a child died, timed out, answered garbage…).
        public static let processingFailed = Code(.processingFailed)
        /// The plugin's durable state (a database under `var/`) cannot be opened, read or written.
        public static let stateUnavailable = Code(.stateUnavailable)
    }

    /// The kind of problem.
    public let code: Code
    /// The settings file or plugin concerned, e.g. `etc/plugins.d/pricing.toml` or `exec`.
    public let source: String
    /// Dotted path of the offending key, when a setting is at fault.
    public let key: String?
    /// 1-based line in `source`, when known.
    public let line: Int?
    /// 1-based column in `source`, when known.
    public let column: Int?
    /// What is wrong.
    public let problem: String
    /// How to fix it.
    public let fix: String

    /// Makes an error; `problem` and `fix` are whole sentences or clauses shown to operators.
    public init(
        _ code: Code, source: String, key: String? = nil, line: Int? = nil, column: Int? = nil, problem: String,
        fix: String
    ) {
        self.code = code
        self.source = source
        self.key = key
        self.line = line
        self.column = column
        self.problem = problem
        self.fix = fix
    }

    /// The file's other problems found in the same reading (every unknown key of a file, not only the first).
    package private(set) var more: [PluginError] = []

    /// One error standing for `problems` (the first, with the others found with it); nil when there are none.
    package static func combining(_ problems: [PluginError]) -> PluginError? {
        guard var first = problems.first?.all.first else { return nil }
        first.more = Array(problems.flatMap(\.all).dropFirst())
        return first
    }

    /// This problem and the ones found with it, each on its own.
    package var all: [PluginError] {
        var first = self
        first.more = []
        return [first] + more
    }

    /// A settings file's problem, keeping its kind, file, position and key, and the problems found with it.
    init(_ error: SettingsError) {
        let all = error.all
        self.init(single: all[0])
        more = all.dropFirst().map { PluginError(single: $0) }
    }

    private init(single error: SettingsError) {
        let code: Code =
            switch error.code {
            case .syntax: .tomlSyntax
            case .unknownKey: .unknownKey
            case .missingKey: .missingKey
            case .wrongType: .wrongType
            case .unreadable: .stateUnavailable
            default: .invalidValue
            }
        self.init(
            code, source: error.file, key: error.keyPath, line: error.line, column: error.column,
            problem: error.problem, fix: error.fix)
    }

    /// `source:line:column: key: problem. Fix: fix`, one line for each problem found with it too.
    public var description: String {
        ([sentence] + more.map(\.sentence)).joined(separator: "\n")
    }

    private var sentence: String {
        var place = source
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        if let key { place += ": \(key)" }
        return "\(place): \(problem). Fix: \(fix)"
    }
}

extension PluginError: ExitStatusClassified {
    /// Settings problems are configuration (`EX_CONFIG`); a plugin that cannot process or reach its state is an
    /// unavailable dependency (`EX_UNAVAILABLE`).
    package var exitStatus: ExitStatus { code.exitStatus }
}

extension PluginError.Code {
    var exitStatus: ExitStatus {
        switch wrapped {
        case .tomlSyntax, .unknownKey, .missingKey, .wrongType, .invalidValue, .unknownPlugin: .configuration
        case .processingFailed, .stateUnavailable: .unavailable
        }
    }
}
