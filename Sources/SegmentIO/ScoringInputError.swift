/// Why a request body (one customer, or a batch streamed over HTTP) cannot be scored as a whole, or why its stream
/// stopped: a structured value the HTTP layer turns into an `application/problem+json` document (or, once the rows
/// have started, into the stream's final error record). Bad single rows of a batch are never errors: they are
/// `RecordReject`s reported beside the results.
package struct ScoringInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; `slug` names it in problem type URIs and error records.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case missingColumns, invalidHeader, invalidBody, emptyBody, recordTooLong, tooManyRows, bodyTooLarge
            case invalidRecord, tooManyRejects, pluginFailed, pluginUnavailable
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// Columns (CSV header) or keys (JSON) the model needs are absent; `missingColumns` lists every one.
        package static let missingColumns = Code(.missingColumns)
        /// The CSV header is malformed, not UTF-8, or names a needed column twice.
        package static let invalidHeader = Code(.invalidHeader)
        /// The body is not of its declared format as a whole (not a JSON array, text after it, cut short).
        package static let invalidBody = Code(.invalidBody)
        /// The body holds no header (CSV) or no value (JSON).
        package static let emptyBody = Code(.emptyBody)
        /// One record is longer than the record size limit, so the stream cannot find its end with bounded memory.
        package static let recordTooLong = Code(.recordTooLong)
        /// More records than `max_batch_rows`.
        package static let tooManyRows = Code(.tooManyRows)
        /// More bytes than `max_stream_bytes` (or `max_body_bytes` for a JSON document).
        package static let bodyTooLarge = Code(.bodyTooLarge)
        /// The one customer of `POST /v1/segment` cannot be scored (a value is not a number, no id, bad JSON).
        package static let invalidRecord = Code(.invalidRecord)
        /// A JSON batch response holds its rejects until the end, and there are more than it keeps.
        package static let tooManyRejects = Code(.tooManyRejects)
        /// A plugin whose `on_error` is `fail_file` failed a row, or a plugin could not start or finish.
        package static let pluginFailed = Code(.pluginFailed)
        /// A plugin's durable state cannot be read (a fault of the server, not of the request).
        package static let pluginUnavailable = Code(.pluginUnavailable)

        /// A stable lowercase name, such as `missing-columns`.
        package var slug: String {
            switch wrapped {
            case .missingColumns: "missing-columns"
            case .invalidHeader: "invalid-header"
            case .invalidBody: "invalid-body"
            case .emptyBody: "empty-body"
            case .recordTooLong: "record-too-long"
            case .tooManyRows: "too-many-rows"
            case .bodyTooLarge: "body-too-large"
            case .invalidRecord: "invalid-record"
            case .tooManyRejects: "too-many-rejects"
            case .pluginFailed: "plugin-failed"
            case .pluginUnavailable: "plugin-unavailable"
            }
        }

        package var description: String { slug }
    }

    package let code: Code
    /// What is wrong, where, and how to fix it.
    package let message: String
    /// The column or key concerned, when there is one.
    package var column: String?
    /// 0-based position of the record concerned among the body's records.
    package var index: Int?
    /// 1-based line of the body where the record concerned starts (CSV and NDJSON bodies).
    package var line: Int?
    /// `missingColumns` only: every needed column that is absent, the id column first, then in the model's order.
    package var missingColumns: [String]

    package init(
        _ code: Code, _ message: String, column: String? = nil, index: Int? = nil, line: Int? = nil,
        missingColumns: [String] = []
    ) {
        self.code = code
        self.message = message
        self.column = column
        self.index = index
        self.line = line
        self.missingColumns = missingColumns
    }

    package var description: String { message }
}

/// One record of a batch that could not be scored, reported beside the results, never dropped.
package struct RecordReject: Sendable, Equatable {
    /// 0-based position of the record among the body's records (CSV data records, non-blank NDJSON lines, JSON
    /// array elements).
    package var index: Int
    /// 1-based line of the body where the record starts (CSV: the header is line 1); nil for a JSON array.
    package var line: Int?
    /// The column or key concerned, when the reason concerns one.
    package var column: String?
    /// Why, in the words of the rejects file.
    package var reason: String

    package init(index: Int, line: Int?, column: String?, reason: String) {
        self.index = index
        self.line = line
        self.column = column
        self.reason = reason
    }
}
