package import SegmentSupport

/// Why a registry command (`segmentd models …`, `train`'s registration, a `registry:` model reference) failed: what,
/// where, and what to do.
package struct RegistryError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unknownReference
        case ambiguousReference
        case aliasNotSet
        case badAliasFile
        case badModelFile
        case unwritable
        case incomparable
        case invalidArgument
        case missingFile
    }

    private let code: Code
    /// What went wrong, where, and how to fix it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    static func unknownReference(_ reference: String, directory: String, suggestion: String?) -> RegistryError {
        let hint = suggestion.map { " Did you mean \"\($0)\"?" } ?? ""
        return RegistryError(
            .unknownReference,
            "no model \"\(reference)\" in the registry \(directory): it is not a version, a unique version prefix, "
                + "a label or an alias (champion, challenger, previous).\(hint) List them with `segmentd models list`.")
    }

    static func ambiguous(_ reference: String, candidates: [String], directory: String) -> RegistryError {
        RegistryError(
            .ambiguousReference,
            "\"\(reference)\" names \(candidates.count) models in the registry \(directory) ("
                + candidates.joined(separator: ", ") + "). Give more of the version, or the whole version.")
    }

    static func aliasNotSet(_ alias: String, directory: String) -> RegistryError {
        let fix =
            alias == ModelRegistry.Alias.champion.rawValue
            ? "Train one with `segmentd train DATA` (the first model becomes champion) or `segmentd models promote V`."
            : alias == ModelRegistry.Alias.previous.rawValue
                ? "There is nothing to roll back to: `previous` is set by `segmentd models promote`."
                : "Set it with `segmentd models promote V --as \(alias)`."
        return RegistryError(.aliasNotSet, "the registry \(directory) has no \(alias) model. \(fix)")
    }

    static func badAliasFile(_ path: String, detail: String) -> RegistryError {
        RegistryError(
            .badAliasFile,
            "the registry's alias file \(path) cannot be used: \(detail). It is a JSON object of alias to version "
                + "(e.g. {\"champion\": \"m-0123456789abcdef\"}); restore it or set the aliases again with "
                + "`segmentd models promote`.")
    }

    static func badModelFile(_ path: String, detail: String) -> RegistryError {
        RegistryError(.badModelFile, "cannot use \(path) as a model: \(detail)")
    }

    static func unwritable(_ path: String, detail: String) -> RegistryError {
        RegistryError(
            .unwritable,
            "cannot write \(path): \(detail). Check that the registry directory exists and is writable, and that "
                + "the disk has room.")
    }

    static func incomparable(_ first: String, _ second: String) -> RegistryError {
        RegistryError(
            .incomparable,
            "\(first) and \(second) were trained on different features, so their segments cannot be matched.")
    }

    static func missingFile(_ path: String) -> RegistryError {
        RegistryError(.missingFile, "cannot read \(path): it does not exist or is not a regular file. Check the path.")
    }

    static func invalidArgument(_ message: String) -> RegistryError {
        RegistryError(.invalidArgument, message)
    }
}

extension RegistryError: ExitStatusClassified {
    /// An unknown version or an unset alias is `EX_NOINPUT` (66: the model asked for is not there); an ambiguous
    /// reference or a wrong argument `EX_USAGE` (64); a model file that cannot be used `EX_DATAERR` (65); an alias file
    /// that cannot be used `EX_CONFIG` (78); a registry that cannot be written `EX_CANTCREAT` (73).
    package var exitStatus: ExitStatus {
        switch code {
        case .unknownReference, .aliasNotSet, .missingFile: .noInput
        case .ambiguousReference, .invalidArgument: .usage
        case .badModelFile, .incomparable: .dataError
        case .badAliasFile: .configuration
        case .unwritable: .cannotCreate
        }
    }
}
