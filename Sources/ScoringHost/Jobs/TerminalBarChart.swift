/// A small horizontal bar chart in Unicode block characters, for a terminal.
///
/// Bars start at zero (no truncated axis) and are drawn in eighths of a character, so a 40-character bar resolves
/// 320 steps. Each line ends with the exact value, because the bar alone only says how large a value is relative to
/// the largest one.
package struct TerminalBarChart {
    package struct Bar {
        package var label: String
        package var value: Double
        package var valueText: String
        /// A short note after the value (e.g. `<- chosen`).
        package var note: String

        package init(label: String, value: Double, valueText: String, note: String = "") {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.note = note
        }
    }

    package var title: String
    package var bars: [Bar]
    /// Characters of the longest bar.
    package var width: Int

    package init(title: String, bars: [Bar], width: Int = 40) {
        self.title = title
        self.bars = bars
        self.width = width
    }

    /// Eighth blocks from one eighth (`▏`) to seven eighths (`▉`); a full cell is `█`.
    private static let partialBlocks: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar for `value` on a scale whose largest value is `maximum`: full blocks, then one partial block.
    package static func bar(_ value: Double, maximum: Double, width: Int) -> String {
        guard maximum > 0, value.isFinite, value > 0 else { return "" }
        let eighths = Int((min(value / maximum, 1) * Double(width * 8)).rounded())
        var text = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { text.append(partialBlocks[eighths % 8 - 1]) }
        return text
    }

    /// The chart: the title, then one line per bar with the label, the bar padded to the chart's width, the value.
    package var rendered: String {
        let maximum = bars.map(\.value).filter(\.isFinite).max() ?? 0
        let labelWidth = bars.map(\.label.count).max() ?? 0
        var out = title + "\n"
        for entry in bars {
            let bar = Self.bar(entry.value, maximum: maximum, width: width)
            let label = entry.label + String(repeating: " ", count: labelWidth - entry.label.count)
            let padding = String(repeating: " ", count: max(width - bar.count, 0))
            let note = entry.note.isEmpty ? "" : "  " + entry.note
            out += "  \(label) │\(bar)\(padding) \(entry.valueText)\(note)\n"
        }
        return out
    }
}
