import SegmentPlugin
import Testing

@Suite struct PluginColumnsTests {
    @Test func paletteColumnsReadLikePlainOnesAndCompareByValue() {
        var plain = PluginColumns(columnCount: 2, rowCount: 3)
        var palette = PluginColumns(columnCount: 2, rowCount: 3)
        palette.usePalette([.text("a"), .integer(7)], for: 1)
        for row in 0..<3 {
            plain[row, 0] = .number(Double(row))
            palette[row, 0] = .number(Double(row))
        }
        plain[0, 1] = .integer(7)
        plain[2, 1] = .text("a")
        palette.setPaletteIndex(1, row: 0, column: 1)
        palette.setPaletteIndex(0, row: 2, column: 1)
        #expect(palette[1, 1] == .missing, "a row not given an index is missing")
        #expect(palette[0, 1] == .integer(7))
        #expect(palette.values == plain.values)
        #expect(palette == plain)
        #expect(palette.palette(of: 1) == [.missing, .text("a"), .integer(7)])
        #expect(Array(palette.paletteSlots(of: 1)) == [2, 0, 1])
        #expect(palette.palette(of: 0) == nil)
    }

    @Test func storingAValueInAPaletteColumnAddsItOnce() {
        var columns = PluginColumns(columnCount: 1, rowCount: 3)
        columns.usePalette([.text("a")], for: 0)
        columns[0, 0] = .text("b")
        columns[1, 0] = .text("b")
        columns[2, 0] = .text("a")
        #expect(columns.values == [.text("b"), .text("b"), .text("a")])
        #expect(columns.palette(of: 0) == [.missing, .text("a"), .text("b")])
    }

    @Test func anIndexOutsideThePaletteReadsAsMissing() {
        var columns = PluginColumns(columnCount: 1, rowCount: 2)
        columns.usePalette([.flag(true)], for: 0)
        columns.setPaletteIndex(5, row: 0, column: 0)
        columns.setPaletteIndex(-3, row: 1, column: 0)
        #expect(columns.values == [.missing, .missing])
    }
}
