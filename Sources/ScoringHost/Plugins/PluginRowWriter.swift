import SegmentIO
import SegmentPlugin

/// Appends the plugins' columns to one piece's rows. A palette column's values are rendered once, when the writer
/// is made, and each row copies its value's bytes; a plain column's values are rendered row by row. The per-row
/// loop reads only memory the writer owns, so it does no reference counting.
final class PluginRowWriter {
    private struct Column {
        /// The plugin whose result holds the column, the column's number there, and its number in the output.
        var plugin: Int
        var column: Int
        var output: Int
        /// The column's declared type, which decides how its values are written.
        var type: PluginColumnType
        /// Palette columns: where the rows' slots start in `slots`, and where the palette's renderings start in
        /// `renderEnds` (one end per slot, plus one for a slot past the palette, which reads as missing).
        var isPalette: Bool
        var slotStart: Int
        var renderStart: Int
        var renderCount: Int
    }

    private let results: [PluginColumns]
    private let csv: Bool
    private let prefixes: [[UInt8]]
    private var columns: [Column] = []
    private let slots: UnsafeMutableBufferPointer<UInt16>
    private let renderings: UnsafeMutableBufferPointer<UInt8>
    private let renderEnds: UnsafeMutableBufferPointer<Int>

    /// A writer for `results` (one per plugin, in order); `prefixes` holds, per output column, what goes before its
    /// value: `,` for CSV, `,"name":` for JSON; `types` its declared type.
    init(results: [PluginColumns], format: RecordFormat, prefixes: [[UInt8]], types: [PluginColumnType]) {
        self.results = results
        csv = format == .csv
        self.prefixes = prefixes
        let rendered = ByteBuffer(capacity: 4096)
        var ends: [Int] = []
        var allSlots: [UInt16] = []
        for (plugin, result) in results.enumerated() {
            for column in 0..<result.columnCount {
                let prefix = prefixes[columns.count]
                let type = types[columns.count]
                guard let palette = result.palette(of: column) else {
                    columns.append(
                        Column(
                            plugin: plugin, column: column, output: columns.count, type: type, isPalette: false,
                            slotStart: 0, renderStart: 0, renderCount: 0))
                    continue
                }
                let entry = Column(
                    plugin: plugin, column: column, output: columns.count, type: type, isPalette: true,
                    slotStart: allSlots.count,
                    renderStart: ends.count, renderCount: palette.count + 1)
                for value in palette + [.missing] {
                    rendered.append(prefix)
                    if csv {
                        PluginValueWriter.appendCSV(value, type: type, to: rendered)
                    } else {
                        PluginValueWriter.appendJSON(value, type: type, to: rendered)
                    }
                    ends.append(rendered.count)
                }
                allSlots.append(contentsOf: result.paletteSlots(of: column))
                columns.append(entry)
            }
        }
        slots = .allocate(capacity: max(allSlots.count, 1))
        _ = slots.initialize(from: allSlots)
        renderings = .allocate(capacity: max(rendered.count, 1))
        _ = renderings.initialize(from: rendered.bytes)
        renderEnds = .allocate(capacity: max(ends.count, 1))
        _ = renderEnds.initialize(from: ends)
    }

    deinit {
        slots.deallocate()
        renderings.deallocate()
        renderEnds.deallocate()
    }

    /// Appends every plugin column of one row; `position(p)` is the row's place in plugin `p`'s result.
    @inline(__always)
    func appendColumns(to output: ByteBuffer, position: (Int) -> Int) {
        columns.withUnsafeBufferPointer { columns in
            for entry in columns {
                let row = position(entry.plugin)
                guard entry.isPalette else {
                    appendPlain(entry, row: row, to: output)
                    continue
                }
                let slot = min(Int(slots[entry.slotStart + row]), entry.renderCount - 1) + entry.renderStart
                let start = slot == 0 ? 0 : renderEnds[slot - 1]
                output.append(renderings.baseAddress! + start, count: renderEnds[slot] - start)
            }
        }
    }

    private func appendPlain(_ entry: Column, row: Int, to output: ByteBuffer) {
        output.append(prefixes[entry.output])
        let value = results[entry.plugin][row, entry.column]
        if csv {
            PluginValueWriter.appendCSV(value, type: entry.type, to: output)
        } else {
            PluginValueWriter.appendJSON(value, type: entry.type, to: output)
        }
    }
}
