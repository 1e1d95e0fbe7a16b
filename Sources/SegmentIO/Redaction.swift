/// Short, redacted excerpts of input text for messages that end up in logs and `error.json`.
///
/// Those places are read by more people than the data, and kept longer, so they never get a whole record: a file
/// without a header has a customer record (card numbers, passwords) as its first line. The full record stays only in
/// the rejects file, which is output data. The rule (README, "Input formats and rejects"): at most the first three
/// characters, each digit shown as `#`, each control character as `?`, then `…` when the text is longer.
package enum Redaction {
    /// Characters of a value that an excerpt shows.
    package static let shownCharacters = 3

    /// The excerpt of `text`, quoted: `"CUS…"` for `CUST_ID`, `"###…"` for a card number.
    package static func excerpt(_ text: String) -> String {
        var shown = ""
        for (index, character) in text.enumerated() {
            guard index < shownCharacters else {
                shown += "…"
                break
            }
            if character.isNumber {
                shown += "#"
            } else if character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                shown += "?"
            } else {
                shown.append(character)
            }
        }
        return "\"" + shown + "\""
    }

    /// Columns by position with their excerpts: `column 1 "CUS…", column 2 "BAL…"`, at most `limit` of them.
    package static func columns(_ names: [String], limit: Int = 20) -> String {
        let shown = names.prefix(limit).enumerated().map { "column \($0.offset + 1) \(excerpt($0.element))" }
        return shown.joined(separator: ", ") + (names.count > limit ? ", …" : "")
    }
}
