import Foundation
@testable import ScoringHost
import SegmentIO
import SegmentPlugin
import Testing

/// Plugin columns are written by their declared type, the same way in every file, and a value that does not fit
/// its declaration fails its row.
@Suite("declared column types")
struct ColumnTypeTests {
    private static func csv(_ value: PluginValue, _ type: PluginColumnType) -> String {
        let buffer = ByteBuffer(capacity: 64)
        PluginValueWriter.appendCSV(value, type: type, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    private static func json(_ value: PluginValue, _ type: PluginColumnType) -> String {
        let buffer = ByteBuffer(capacity: 64)
        PluginValueWriter.appendJSON(value, type: type, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test("a float column always has a decimal point, whole values and integers included; integers stay integers")
    func floatsKeepTheirPoint() {
        #expect(Self.csv(.number(5), .float) == "5.0")
        #expect(Self.csv(.number(0), .float) == "0.0")
        #expect(Self.csv(.number(-0.0000001), .float) == "0.0")
        #expect(Self.csv(.number(12.5), .float) == "12.5")
        #expect(Self.csv(.number(1.0 / 3), .float) == "0.333333")
        #expect(Self.csv(.integer(3), .float) == "3.0")
        #expect(Self.json(.number(15), .float) == "15.0")
        #expect(Self.json(.integer(-2), .float) == "-2.0")
        #expect(Self.csv(.number(.nan), .float) == "")
        #expect(Self.json(.number(.infinity), .float) == "null")
        #expect(Self.csv(.integer(12), .integer) == "12")
        #expect(Self.json(.text("a\"b"), .string) == "\"a\\\"b\"")
        #expect(Self.json(.missing, .string) == "null")
    }

    @Test("a value of another kind, or none in a column not nullable, fails its row with the column's name")
    func violationsFailRows() {
        let declared = [
            PluginOutputColumn("rate", .float), PluginOutputColumn("note", .string, nullable: true),
            PluginOutputColumn("months", .integer),
        ]
        var columns = PluginColumns(columnCount: 3, rowCount: 5)
        columns.usePalette([.integer(12), .number(2.5)], for: 2)
        for row in 0..<5 {
            columns[row, 0] = row == 1 ? .text("high") : .integer(row)
            columns.setPaletteIndex(row == 3 ? 1 : 0, row: row, column: 2)
        }
        columns[2, 1] = .text("ok")
        columns.setPaletteIndex(5, row: 4, column: 2)
        columns.fail(row: 0, reason: "the plugin's own reason")
        let found = PluginColumnCheck.violations(in: columns, declared: declared)
        #expect(found.keys.sorted() == [1, 3, 4])
        #expect(found[1] == "column \"rate\" is declared float but the value is the text \"high\"")
        #expect(found[3] == "column \"months\" is declared integer but the value is the number 2.5")
        #expect(found[4] == "column \"months\" has no value but is not nullable")
    }

    @Test("the schema document lists the core columns, then each plugin's, with fixed bytes")
    func schemaDocument() {
        let schema = OutputSchema(
            idColumn: "id", inputColumns: ["a"],
            plugins: [(name: "pricing", columns: [PluginOutputColumn("discount_pct", .float)])])
        #expect(
            schema.json == """
                {
                  "schema_version": 1,
                  "input_columns": [
                    {"name": "id", "type": "string", "nullable": false, "source": "input"},
                    {"name": "a", "type": "float", "nullable": true, "source": "input"}
                  ],
                  "columns": [
                    {"name": "segment_id", "type": "integer", "nullable": false, "source": "core"},
                    {"name": "segment_name", "type": "string", "nullable": false, "source": "core"},
                    {"name": "confidence", "type": "float", "nullable": false, "source": "core"},
                    {"name": "distance", "type": "float", "nullable": false, "source": "core"},
                    {"name": "model_version", "type": "string", "nullable": false, "source": "core"},
                    {"name": "discount_pct", "type": "float", "nullable": false, "source": "pricing"}
                  ],
                  "rejects_columns": [
                    {"name": "line", "type": "integer", "nullable": false, "source": "core"},
                    {"name": "column", "type": "string", "nullable": true, "source": "core"},
                    {"name": "reason", "type": "string", "nullable": false, "source": "core"},
                    {"name": "record", "type": "string", "nullable": true, "source": "core"}
                  ]
                }

                """)
        #expect(OutputSchema.coreColumns.map(\.name) == FileScorer.scoringColumns)
        #expect(schema.sha256.count == 64)
    }
}
