import Foundation
import SegmentPlugin

/// The small CSV dialect of testcase files: comma-separated, RFC 4180 quoting (a field in double quotes may hold
/// commas, line feeds and doubled quotes), LF or CRLF line ends, a header row, blank lines ignored.
enum CaseCSV {
    /// The rows of `text`, header first, each as its fields.
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        func endRow() {
            row.append(field)
            field = ""
            if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
            row = []
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\n", "\r\n", "\r": endRow()
            default: field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { endRow() }
        return rows
    }

    /// `value` of a column of `type` as the testcase files write it: text as is, integers in decimal, floats with
    /// at most six decimals, no trailing zeros but at least one decimal (`3.0`, `2.5`, `0.333333`), flags
    /// `true`/`false`, missing as an empty field.
    static func render(_ value: PluginValue, type: PluginColumnType) -> String {
        switch value {
        case .text(let text): return text
        case .integer(let number): return type == .float ? render(Double(number)) : String(number)
        case .number(let number): return render(number)
        case .flag(let flag): return flag ? "true" : "false"
        case .missing: return ""
        }
    }

    private static func render(_ number: Double) -> String {
        guard number.isFinite else { return "" }
        var text = String(format: "%.6f", number)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text += "0" }
        return text == "-0.0" ? "0.0" : text
    }
}
