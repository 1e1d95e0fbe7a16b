package import SegmentSupport

/// Why a model file could not be used, with what to do about it.
package struct ModelError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case notJSON
        case wrongFormat
        case unsupportedVersion
        case checksumMismatch
        case inconsistent
        case encodingFailed
    }

    private let code: Code
    /// The model's file path, or a description of where the bytes came from.
    package let source: String
    /// What went wrong and how to fix it.
    package let message: String

    private init(_ code: Code, source: String, message: String) {
        self.code = code
        self.source = source
        self.message = message
    }

    package var description: String { "\(source): \(message)" }

    static func notJSON(source: String, detail: String) -> ModelError {
        ModelError(
            .notJSON, source: source,
            message: "is not a segmentd model file (\(detail)). "
                + "Point --model at a file written by `segmentd train`, or retrain.")
    }

    static func wrongFormat(source: String, found: String) -> ModelError {
        ModelError(
            .wrongFormat, source: source,
            message: "has format \"\(found)\", expected \"\(SegmentModel.formatName)\". "
                + "This is not a segmentd model; retrain with `segmentd train`.")
    }

    static func unsupportedVersion(source: String, found: Int) -> ModelError {
        ModelError(
            .unsupportedVersion, source: source,
            message: "has format_version \(found); this segmentd reads versions "
                + "\(SegmentModel.readableFormatVersions.map(String.init).joined(separator: " and ")). Retrain the "
                + "model with this segmentd, or use the segmentd that wrote it."
        )
    }

    static func checksumMismatch(source: String, stored: String, computed: String) -> ModelError {
        ModelError(
            .checksumMismatch, source: source,
            message: "is corrupt or was edited: its checksum is \(stored) but its "
                + "content hashes to \(computed). Restore the file from a backup or retrain; do not edit "
                + "model files by hand."
        )
    }

    static func inconsistent(source: String, detail: String) -> ModelError {
        ModelError(.inconsistent, source: source, message: "is inconsistent: \(detail). Retrain the model.")
    }

    static func encodingFailed(detail: String) -> ModelError {
        ModelError(
            .encodingFailed, source: "model",
            message: "could not be encoded as JSON (\(detail)); "
                + "a value is probably not finite. Check the training data for extreme values.")
    }
}

extension ModelError: ExitStatusClassified {
    /// A model file that cannot be used is a configuration error (`EX_CONFIG`); a model that cannot be encoded
    /// holds values from extreme training data (`EX_DATAERR`).
    package var exitStatus: ExitStatus {
        switch code {
        case .notJSON, .wrongFormat, .unsupportedVersion, .checksumMismatch, .inconsistent: .configuration
        case .encodingFailed: .dataError
        }
    }
}
