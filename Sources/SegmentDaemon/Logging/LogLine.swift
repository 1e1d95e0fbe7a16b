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
            let rendered = "\(value)"
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
        var fields = [("ts", timestamp), ("level", "\(level)"), ("label", label), ("message", message)]
        let reserved = Set(fields.map(\.0))
        for key in metadata.keys.sorted() where !reserved.contains(key) {
            if let value = metadata[key] { fields.append((key, "\(value)")) }
        }
        return "{" + fields.map { "\(quoted($0.0)):\(quoted($0.1))" }.joined(separator: ",") + "}"
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
