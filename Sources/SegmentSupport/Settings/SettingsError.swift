/// Why a settings file cannot be used: which file, line and key, the value found, and how to fix it.
///
/// Every TOML settings file segmentd reads (the daemon's configuration, the pipeline spec, `segments.toml`, the
/// plugins' files) reports its problems with this one type, so the messages read alike. `description` is the
/// complete message, e.g.
/// `etc/plugins.d/pricing.toml:4:1: caps.max_discount: unknown key "max_discount". Fix: did you mean …`.
package struct SettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for the domain error types that wrap this one and for tests.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: String, Hashable, Sendable {
            case unreadable = "unreadable file"
            case syntax = "TOML syntax error"
            case unknownKey = "unknown key"
            case missingKey = "missing key"
            case wrongType = "wrong type"
            case invalidValue = "invalid value"
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        package var description: String { wrapped.rawValue }

        /// The file does not exist, cannot be read or is not UTF-8 text.
        package static let unreadable = Code(.unreadable)
        /// The text is not valid TOML.
        package static let syntax = Code(.syntax)
        /// A key nothing reads: a typo, or a key of another version.
        package static let unknownKey = Code(.unknownKey)
        /// A required key is absent.
        package static let missingKey = Code(.missingKey)
        /// A key holds a value of the wrong TOML type.
        package static let wrongType = Code(.wrongType)
        /// A value has the right type but is out of range, not one of the allowed words, or contradicts another.
        package static let invalidValue = Code(.invalidValue)
    }

    /// The kind of problem.
    package let code: Code
    /// The file (or other description of the text) the problem is in.
    package let file: String
    /// Dotted path of the offending key, e.g. `kmeans.k` or `derived[1].expr`; nil for whole-file problems.
    package let keyPath: String?
    /// 1-based line in `file`, when known.
    package let line: Int?
    /// 1-based column in `file`, when known.
    package let column: Int?
    /// What is wrong, including the offending value.
    package let problem: String
    /// How to fix it.
    package let fix: String
    /// The file's other problems, found in the same reading: a file is reported whole, not one error per run.
    package private(set) var more: [SettingsError] = []

    package init(
        _ code: Code, file: String, keyPath: String? = nil, line: Int? = nil, column: Int? = nil, problem: String,
        fix: String
    ) {
        self.code = code
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.column = column
        self.problem = problem
        self.fix = fix
    }

    /// This problem and the ones found with it, each on its own: what `segmentd validate` lists.
    package var all: [SettingsError] {
        var first = self
        first.more = []
        return [first] + more.flatMap(\.all)
    }

    /// The first of `errors` carrying the others; nil when there are none.
    package static func combining(_ errors: [SettingsError]) -> SettingsError? {
        let flat = errors.flatMap(\.all)
        guard var first = flat.first else { return nil }
        first.more = Array(flat.dropFirst())
        return first
    }

    /// `file:line:column: key: problem. Fix: fix`, leaving out what is unknown; one line per problem.
    package var description: String {
        ([Self.sentence(self)] + more.map(Self.sentence)).joined(separator: "\n")
    }

    private static func sentence(_ error: SettingsError) -> String {
        "\(error.location): \(error.keyPath.map { "\($0): " } ?? "")\(error.problem). Fix: \(error.fix)"
    }

    /// `file:line:column`, or as much of it as is known.
    package var location: String {
        var location = file
        if let line {
            location += ":\(line)"
            if let column { location += ":\(column)" }
        }
        return location
    }
}

extension SettingsError: ExitStatusClassified {
    /// A settings file is configuration, whatever is wrong with it: `EX_CONFIG`.
    package var exitStatus: ExitStatus { .configuration }
}
