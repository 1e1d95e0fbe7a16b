package import SegmentSupport

/// Why the reservoir (`<state_dir>/reservoir.sqlite`) could not be read or written, or holds too little to retrain
/// on: what, where, and what to do.
package struct ReservoirError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case missing
        case tooFewRows
        case database
        case unsafe
    }

    private let code: Code
    /// What went wrong, where, and how to fix it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    static func missing(_ path: String) -> ReservoirError {
        ReservoirError(
            .missing,
            "there is no reservoir at \(path) yet: the daemon (`segmentd run`) creates it when it scores its first "
                + "file, and `segmentd score` does not feed it. Let the daemon score some files, or train on a file "
                + "with `segmentd train DATA --previous champion`.")
    }

    static func tooFewRows(_ rows: Int, needed: Int, path: String, days: Int) -> ReservoirError {
        ReservoirError(
            .tooFewRows,
            "the reservoir \(path) holds \(rows) usable rows from the last \(days) days; retraining needs at least "
                + "\(needed). Let the daemon score more files first, or train on a file with `segmentd train DATA "
                + "--previous champion`.")
    }

    static func database(_ path: String, _ cause: any Error) -> ReservoirError {
        ReservoirError(
            .database,
            "cannot use the reservoir \(path): \(cause). Check that the state directory is readable and writable "
                + "and the disk has room; a damaged file can be removed (the daemon starts a new sample).")
    }

    static func unsafe(_ refusal: StateFile.Refusal) -> ReservoirError {
        ReservoirError(.unsafe, "the reservoir cannot be opened: \(refusal)")
    }
}

extension ReservoirError: ExitStatusClassified {
    /// No reservoir yet is `EX_NOINPUT` (66: the input retrain reads is not there); too few rows `EX_DATAERR` (65, as
    /// `train` on a file with too few rows); a database that cannot be used `EX_IOERR` (74); a link or a file with
    /// several names at its place `EX_CANTCREAT` (73).
    package var exitStatus: ExitStatus {
        switch code {
        case .missing: .noInput
        case .tooFewRows: .dataError
        case .database: .ioError
        case .unsafe: .cannotCreate
        }
    }
}
