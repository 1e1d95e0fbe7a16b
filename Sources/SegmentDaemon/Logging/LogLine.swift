import Logging
import SegmentSupport

/// Formats one log record as a text line or a JSON object.
enum LogLine {
    static func text(timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata)
        -> String
    {
        var line = "\(timestamp) \(level) \(label): \(RawPath.display(message))"
        for key in metadata.keys.sorted() {
            guard let value = metadata[key] else { continue }
            let rendered = textValue(value)
            let needsQuotes =
                rendered.isEmpty
                || rendered.unicodeScalars.contains { $0 == " " || $0 == "\"" || $0 == "=" || RawPath.needsEscape($0) }
            line += " \(key)=\(needsQuotes ? textQuoted(rendered) : rendered)"
        }
        return line
    }

    /// A text-log value in quotes: a name with a line feed or an escape sequence cannot break or forge a line, nor
    /// drive a terminal. Control characters and bytes that are not UTF-8 become `\xHH` (`\n`, `\r`, `\t`), a
    /// backslash `\\` and a quote `\"` (see ``RawPath/display(_:)``).
    static func textQuoted(_ text: String) -> String {
        "\"" + RawPath.display(text).replacing("\"", with: "\\\"") + "\""
    }

    static func json(timestamp: String, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata)
        -> String
    {
        var fields = [("ts", quoted(timestamp)), ("level", quoted("\(level)")), ("label", quoted(label))]
        fields.append(("message", quoted(message)))
        let reserved = Set(fields.map(\.0))
        for key in metadata.keys.sorted() where !reserved.contains(key) {
            if let value = metadata[key] { fields.append((key, jsonValue(value))) }
        }
        return "{" + fields.map { "\(quoted($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A metadata value as JSON, typed so that a query can compare numbers: `.stringConvertible` of an integer or a
    /// finite floating-point number is a number, of a `Bool` `true` or `false`; a list is an array, a dictionary an
    /// object (keys sorted); anything else, `.string` values included, is a string, so a file named `12` stays "12".
    static func jsonValue(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text):
            return quoted(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let flag as Bool: return flag ? "true" : "false"
            case let integer as any BinaryInteger: return "\(integer)"
            case let number as Double where number.isFinite: return "\(number)"
            case let number as Float where number.isFinite: return "\(number)"
            default: return quoted(convertible.description)
            }
        case .array(let items):
            return "[" + items.map(jsonValue).joined(separator: ",") + "]"
        case .dictionary(let entries):
            let members = entries.sorted { $0.key < $1.key }.map { "\(quoted($0.key)):\(jsonValue($0.value))" }
            return "{" + members.joined(separator: ",") + "}"
        }
    }

    /// A metadata value in a text line: a scalar as its description, a list as `[a,b]`, a dictionary as
    /// `{key=value,…}` (keys sorted); the caller quotes the result when it needs quotes.
    static func textValue(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let items): "[" + items.map(textValue).joined(separator: ",") + "]"
        case .dictionary(let entries):
            "{" + entries.sorted { $0.key < $1.key }.map { "\($0.key)=\(textValue($0.value))" }.joined(separator: ",")
                + "}"
        }
    }

    /// A JSON string literal (also used to quote text values), escaped by the shared `JSONString`. A byte of a
    /// file name that is not UTF-8 is shown as the text `\xHH` first (its backslash then escaped as JSON's `\\`),
    /// since JSON cannot carry it.
    static func quoted(_ text: String) -> String {
        var shown = text
        if text.unicodeScalars.contains(where: RawPath.isEscape) {
            shown = ""
            for scalar in text.unicodeScalars {
                if RawPath.isEscape(scalar) {
                    shown += RawPath.display(String(scalar))
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
        }
        return String(decoding: JSONString.quoted(shown), as: UTF8.self)
    }
}
