/// A record that could not be used, and why.
package struct RejectedRecord: Sendable, Equatable {
    /// 1-based physical line of the input where the record starts (a CSV header is line 1).
    package var line: Int
    /// The offending column as the file names it, or empty when the problem is the record as a whole.
    package var column: String
    /// What is wrong, in plain words.
    package var reason: String
    /// The record exactly as it appears in the input, without its line ending (invalid UTF-8 shown as U+FFFD); a
    /// record longer than the record size limit is cut to its first `min(limit, 4096)` bytes.
    package var record: String

    package init(line: Int, column: String, reason: String, record: String) {
        self.line = line
        self.column = column
        self.reason = reason
        self.record = record
    }
}

/// Kinds of JSON value, for messages about values of the wrong kind.
enum JSONValueKind: Sendable {
    case string, number, boolean, null, object, array

    var phrase: String {
        switch self {
        case .string: "a string"
        case .number: "a number"
        case .boolean: "true or false"
        case .null: "null"
        case .object: "an object"
        case .array: "an array"
        }
    }
}

/// Why a line could not be read as a flat JSON object.
enum JSONProblem: Sendable {
    case expectedObject, expectedKey, expectedColon, expectedCommaOrBrace, badValue, trailingText
    case unterminatedString, badEscape, controlCharacter, invalidUTF8, loneSurrogate, badNumber

    var phrase: String {
        switch self {
        case .expectedObject: "the line does not start with '{'"
        case .expectedKey: "expected a quoted key"
        case .expectedColon: "expected ':' after a key"
        case .expectedCommaOrBrace: "expected ',' or '}'"
        case .badValue: "a value is not valid JSON"
        case .trailingText: "there is text after the closing '}'"
        case .unterminatedString: "a string is not closed on this line"
        case .badEscape: #"a string has an invalid escape (JSON has \" \\ \/ \b \f \n \r \t and \uXXXX)"#
        case .controlCharacter: #"a string holds a raw control character (write it as an escape such as \t)"#
        case .invalidUTF8: "a string is not valid UTF-8 (save the file as UTF-8)"
        case .loneSurrogate: #"a string holds a lone surrogate escape (\uD800-\uDFFF outside a high-low pair)"#
        case .badNumber: "a number is not a JSON number"
        }
    }
}

/// Why a record was rejected; byte ranges point into the chunk that holds the record.
enum RejectReason: Sendable {
    case notANumber(value: Range<Int>)
    case outOfRange(value: Range<Int>)
    case wrongFieldCount(expected: Int, found: Int)
    case missingID
    /// The id's bytes are not UTF-8: the first bad byte and its offset in the id.
    case idNotUTF8(byte: UInt8, offset: Int)
    /// A bare value that starts like a number but is not a JSON number (`01`, `+1`, `.5`, `5.`, `-`, `1e`).
    case notAJSONNumber(value: Range<Int>)
    case unterminatedQuote
    case malformedQuotes
    /// A double quote inside an unquoted field.
    case bareQuote
    /// The record is longer than `limit` bytes; only its first `shown` bytes are kept.
    case recordTooLong(limit: Int, shown: Int)
    case invalidJSON(JSONProblem, byteInLine: Int)
    case notNumericJSON(JSONValueKind)
    case idNotScalar(JSONValueKind)
}

/// Which column a rejection is about.
enum RejectColumn: Sendable {
    case none
    /// A CSV field, by its position in the header.
    case field(Int)
    /// The identifier column.
    case id
    /// A JSON key, by its byte range in the chunk (raw, possibly with escapes).
    case key(Range<Int>)
}

/// A rejection recorded by a worker, turned into text later on one thread.
struct PendingReject: Sendable {
    /// Line of the record relative to the first line of its piece (0-based).
    var line: Int
    var column: RejectColumn
    var reason: RejectReason
    /// The record's bytes in the chunk, without the line ending.
    var record: Range<Int>
}
