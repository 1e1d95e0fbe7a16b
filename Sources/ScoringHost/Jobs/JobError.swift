package import SegmentSupport

/// Why a train, score or generate job could not run, with what to do about it.
package struct JobError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case unreadable
        case missingInput
        case missingModel
        case notUTF8
        case unwritable
        case invalidArgument
        case foreignModel
        case unresolvedModel
    }

    private let code: Code
    /// What went wrong, where, and how to fix it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    /// A configuration file that cannot be read.
    static func unreadable(path: String, what: String) -> JobError {
        JobError(
            .unreadable,
            "cannot read \(what) \(path): it does not exist or is not readable. Check the path and its permissions.")
    }

    /// An input data file that cannot be read.
    static func missingInput(path: String) -> JobError {
        JobError(.missingInput, unreadable(path: path, what: "file").message)
    }

    /// A model file that cannot be read: the configuration names a model that is not there.
    static func missingModel(path: String) -> JobError {
        JobError(.missingModel, unreadable(path: path, what: "model file").message)
    }

    static func notUTF8(path: String) -> JobError {
        JobError(.notUTF8, "\(path) is not valid UTF-8 text. Save it as UTF-8.")
    }

    static func unwritable(path: String, reason: String) -> JobError {
        JobError(
            .unwritable,
            "cannot write \(path): \(reason). Check that its directory exists and is writable, and that the "
                + "disk has room."
        )
    }

    static func foreignModel(modelPath: String, pipelinePath: String, differences: [String]) -> JobError {
        JobError(
            .foreignModel,
            "the model \(modelPath) was trained for another pipeline than \(pipelinePath): "
                + differences.joined(separator: "; ")
                + ". Train a model with this pipeline (`segmentd train DATA`), or point `model` or `pipeline` at the "
                + "matching file."
        )
    }

    /// A `registry:` model reference that names no loadable model (no champion yet, an unknown version).
    static func unresolvedModel(_ message: String) -> JobError {
        JobError(.unresolvedModel, message)
    }

    static func invalidArgument(_ message: String) -> JobError {
        JobError(.invalidArgument, message)
    }
}

extension JobError: ExitStatusClassified {
    /// A configuration or model file that is missing or unusable is `EX_CONFIG`; a data file that is missing is
    /// `EX_NOINPUT`; an output that cannot be written is `EX_CANTCREAT`; a wrong argument is `EX_USAGE`.
    package var exitStatus: ExitStatus {
        switch code {
        case .unreadable, .missingModel, .notUTF8, .foreignModel, .unresolvedModel: .configuration
        case .missingInput: .noInput
        case .unwritable: .cannotCreate
        case .invalidArgument: .usage
        }
    }
}
