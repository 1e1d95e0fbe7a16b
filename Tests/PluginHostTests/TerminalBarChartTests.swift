import Testing
@testable import ScoringHost

@Suite("Terminal bar chart")
struct TerminalBarChartTests {
    @Test("bars start at zero and resolve eighths of a character: the largest fills the width, 1/16 of 40 is 2.5")
    func barsAreProportionalFromZero() {
        #expect(TerminalBarChart.bar(10, maximum: 10, width: 40) == String(repeating: "█", count: 40))
        #expect(TerminalBarChart.bar(5, maximum: 10, width: 40) == String(repeating: "█", count: 20))
        #expect(TerminalBarChart.bar(1, maximum: 16, width: 40) == "██▌")
        #expect(TerminalBarChart.bar(1, maximum: 320, width: 40) == "▏")
        #expect(TerminalBarChart.bar(0, maximum: 10, width: 40) == "")
        #expect(TerminalBarChart.bar(-3, maximum: 10, width: 40) == "")
        #expect(TerminalBarChart.bar(.nan, maximum: 10, width: 40) == "")
    }

    @Test("every line carries its label, a bar padded to the width and the exact value with its note")
    func linesAlignAndCarryValues() {
        let chart = TerminalBarChart(
            title: "sizes",
            bars: [
                .init(label: "k=2", value: 4, valueText: "4.0", note: "<- chosen"),
                .init(label: "k=10", value: 8, valueText: "8.0"),
            ], width: 8)
        #expect(
            chart.rendered == """
                sizes
                  k=2  │████     4.0  <- chosen
                  k=10 │████████ 8.0

                """)
    }
}
