import Testing
@testable import SegmentDaemon

/// What a reload's log line says about the output schema: the columns that appeared and disappeared, by name.
@Suite("Schema changes")
struct SchemaChangeTests {
    private func column(_ name: String, _ type: String = "string", source: String = "core") -> SchemaColumnRecord {
        SchemaColumnRecord(name: name, type: type, nullable: false, source: source)
    }

    @Test("a plugin switched off lists its columns as disappeared; one switched on as appeared")
    func pluginColumnsAppearAndDisappear() {
        let core = [column("segment_id", "integer"), column("model_version")]
        let pricing = [
            column("discount_pct", "float", source: "pricing"), column("cashback_pct", "float", source: "pricing"),
        ]
        let campaign = [column("campaign", source: "campaign")]
        let before = OutputSchemaRecord(columns: core + pricing + campaign, sha256: "a")
        let after = OutputSchemaRecord(
            columns: core + campaign + [column("migration", source: "migration")], sha256: "b")
        let changes = before.changes(to: after)
        #expect(changes.appeared == ["migration"])
        #expect(changes.disappeared == ["discount_pct", "cashback_pct"])
    }

    @Test("a column whose type changed counts as gone and come back")
    func typeChangeCountsBothWays() {
        let before = OutputSchemaRecord(columns: [column("risk", "integer", source: "exec")], sha256: "a")
        let after = OutputSchemaRecord(columns: [column("risk", "float", source: "exec")], sha256: "b")
        #expect(before.changes(to: after).appeared == ["risk"])
        #expect(before.changes(to: after).disappeared == ["risk"])
    }
}
