import Foundation

/// Text placed in the report's HTML and SVG: the one escaper (model names, descriptions and feature names come from
/// configuration files and may hold `<` or `&`) and the number forms the charts print.
package enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in element content and quoted attributes.
    package static func escaped(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var out = ""
        out.reserveCapacity(text.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// `value` with `decimals` fraction digits (the text report's form, so both reports print the same figures).
    package static func number(_ value: Double, _ decimals: Int) -> String {
        ModelReport.format(value, decimals)
    }

    /// A coordinate in SVG: two decimals are sub-pixel at the report's sizes and keep the file small.
    static func coordinate(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "0"
    }

    /// A tick label: integers without decimals, large values with thousands in `k`, small ones with three digits.
    static func tick(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 10_000 { return number(value / 1000, magnitude >= 100_000 ? 0 : 1) + "k" }
        if value == value.rounded() { return String(Int(value)) }
        return number(value, magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3)
    }
}
