package import SegmentSupport

/// A failure that stops a whole file from being read or written.
///
/// Bad individual records never throw: they go to the rejects file (or `TrainingTable.rejects`).
/// A `RecordError` means the file as a whole cannot be used; `message` says what is wrong, where, and how to fix it.
package struct RecordError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently (for example with different exit codes).
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case fileNotFound
            case unreadableFile
            case unwritableFile
            case ioFailure
            case emptyFile
            case missingColumns
            case ambiguousColumn
            case invalidHeader
            case unknownFormat
            case formatMismatch
            case sameInputAndOutput
            case recordTooLong
            case invalidArgument
            case pluginFailed
            case pluginStateUnavailable
            case stoppedByCaller
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The input file does not exist.
        package static let fileNotFound = Code(.fileNotFound)
        /// The input file exists but cannot be opened or read (permissions, a directory, ...).
        package static let unreadableFile = Code(.unreadableFile)
        /// An output file cannot be created or opened for writing.
        package static let unwritableFile = Code(.unwritableFile)
        /// Reading or writing failed part-way (disk full, device error, ...).
        package static let ioFailure = Code(.ioFailure)
        /// The file has no header (CSV) or no record at all (JSONL).
        package static let emptyFile = Code(.emptyFile)
        /// The CSV header lacks columns the job needs.
        package static let missingColumns = Code(.missingColumns)
        /// The CSV header names a needed column more than once.
        package static let ambiguousColumn = Code(.ambiguousColumn)
        /// The CSV header is not valid UTF-8 or is malformed.
        package static let invalidHeader = Code(.invalidHeader)
        /// The file extension is not one of the supported record formats.
        package static let unknownFormat = Code(.unknownFormat)
        /// Input and output use different record formats.
        package static let formatMismatch = Code(.formatMismatch)
        /// The output or rejects path is the input path (or each other).
        package static let sameInputAndOutput = Code(.sameInputAndOutput)
        /// The CSV header exceeds the record size limit (a longer data record is only rejected).
        package static let recordTooLong = Code(.recordTooLong)
        /// An option or argument passed by the caller is out of range.
        package static let invalidArgument = Code(.invalidArgument)
        /// An action plugin could not start, finish, or process rows under `on_error = "fail_file"`.
        package static let pluginFailed = Code(.pluginFailed)
        /// An action plugin's durable state (a database under the state directory) cannot be opened, read or written:
        /// a fault of the environment, not of the input.
        package static let pluginStateUnavailable = Code(.pluginStateUnavailable)
        /// The caller stopped the file after it was read, before the plugins finished (its content claim threw).
        package static let stoppedByCaller = Code(.stoppedByCaller)

        package var description: String {
            switch wrapped {
            case .fileNotFound: "file not found"
            case .unreadableFile: "unreadable file"
            case .unwritableFile: "unwritable file"
            case .ioFailure: "I/O failure"
            case .emptyFile: "empty file"
            case .missingColumns: "missing columns"
            case .ambiguousColumn: "ambiguous column"
            case .invalidHeader: "invalid header"
            case .unknownFormat: "unknown format"
            case .formatMismatch: "format mismatch"
            case .sameInputAndOutput: "same input and output"
            case .recordTooLong: "record too long"
            case .invalidArgument: "invalid argument"
            case .pluginFailed: "plugin failed"
            case .pluginStateUnavailable: "plugin state unavailable"
            case .stoppedByCaller: "stopped by caller"
            }
        }
    }

    /// What kind of failure this is.
    package let code: Code
    /// The file the failure is about.
    package let path: String
    /// A complete sentence or two: what is wrong, where, and how to fix it.
    package let message: String
    /// The failed system call behind the error, if one is: lets a caller tell a full disk or exhausted quota
    /// (`cause?.isOutOfSpace`) from a file that is itself unusable.
    package let cause: Errno?

    package init(_ code: Code, path: String, _ message: String, cause: Errno? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.cause = cause
    }

    package var description: String { message }
}

extension RecordError: ExitStatusClassified {
    package var exitStatus: ExitStatus { code.exitStatus }
}

extension RecordError.Code {
    /// A missing or unreadable input is `EX_NOINPUT`; a file whose content cannot be used is `EX_DATAERR`; an output
    /// that cannot be created is `EX_CANTCREAT`; a failed read or write `EX_IOERR`; wrong paths or options `EX_USAGE`;
    /// a plugin or its state that cannot be used `EX_UNAVAILABLE`; a file stopped by its caller `EX_TEMPFAIL`.
    package var exitStatus: ExitStatus {
        switch wrapped {
        case .fileNotFound, .unreadableFile: .noInput
        case .emptyFile, .missingColumns, .ambiguousColumn, .invalidHeader, .recordTooLong: .dataError
        case .unwritableFile: .cannotCreate
        case .ioFailure: .ioError
        case .unknownFormat, .formatMismatch, .sameInputAndOutput, .invalidArgument: .usage
        case .pluginFailed, .pluginStateUnavailable: .unavailable
        case .stoppedByCaller: .temporaryFailure
        }
    }
}
