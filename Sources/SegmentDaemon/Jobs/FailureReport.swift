import Foundation
import SegmentSupport

/// The `<name>.error.json` written beside an input in the failed directory.
struct FailureReport: Codable, Sendable, Equatable {
    /// The input's name when it arrived in the inbox, as ``RawPath/display(_:)`` shows it (control characters and
    /// bytes that are not UTF-8 as `\xHH`, a backslash as `\\`).
    var input: String
    /// What is wrong with it and what to do, in words for a person.
    var reason: String
    /// When the daemon gave up on it (ISO 8601 UTC).
    var failedAt: String

    enum CodingKeys: String, CodingKey {
        case input, reason
        case failedAt = "failed_at"
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }
}
