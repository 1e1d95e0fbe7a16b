import Foundation
import Testing
@testable import SegmentIO

@Suite("Training table")
struct TrainingTableTests {
    static let ccPath: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("../shared/data/CC_GENERAL.csv").standardizedFileURL.path
    }()

    @Test func loadsTheSharedDataSetLikeANaiveReader() throws {
        let text = try String(contentsOfFile: Self.ccPath, encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = lines[0].map(String.init)
        let columns = Array(header.dropFirst().reversed())
        let table = try TrainingTable.load(path: Self.ccPath, idColumn: "cust_id", columns: columns)

        #expect(table.rowsRead == lines.count - 1)
        #expect(table.rowCount == lines.count - 1)
        #expect(table.rejects.isEmpty)
        #expect(table.columns == columns)
        #expect(table.ids == lines.dropFirst().map { String($0[0]) })
        var expected: [Double] = []
        for fields in lines.dropFirst() {
            for column in columns {
                let field = fields[header.firstIndex(of: column) ?? 0]
                expected.append(field.isEmpty ? .nan : Double(field) ?? -1)
            }
        }
        #expect(table.values.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(table.values.contains { $0.isNaN })
    }

    @Test func collectsRejectedRecordsWithLinesAndReasons() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("t.csv", "id,a,b\nC1,1,2\nC2,x,2\n,1,1\nC4,1\nC5,3,\n")
        let table = try TrainingTable.load(path: path, idColumn: "id", columns: ["b", "a"])
        #expect(table.ids == ["C1", "C5"])
        #expect(table.values.map(\.bitPattern) == [2, 1, .nan, 3].map(\.bitPattern))
        #expect(table.rowsRead == 5)
        #expect(
            table.rejects == [
                RejectedRecord(line: 3, column: "a", reason: "value \"x\" is not a number", record: "C2,x,2"),
                RejectedRecord(line: 4, column: "id", reason: "the id column \"id\" has no value", record: ",1,1"),
                RejectedRecord(
                    line: 5, column: "", reason: "expected 3 fields as in the header but found 2", record: "C4,1"),
            ])
    }

    @Test func unquotesAndTrimsIds() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("t.csv", "id,a\n\" C\"\"1 \",1\n  C2  ,2\n")
        let table = try TrainingTable.load(path: path, idColumn: "ID", columns: ["A"])
        #expect(table.ids == ["C\"1", "C2"])
    }

    @Test func loadsJSONLWithTheSameRules() throws {
        let directory = TemporaryDirectory()
        let path = directory.file(
            "t.jsonl",
            "{\"Id\":\"C1\",\"a\":1.5,\"b\":\"2\"}\n\n{\"id\":\"C2\",\"a\":null}\n{\"id\":\"C3\",\"a\":\"?\"}\n")
        let table = try TrainingTable.load(path: path, idColumn: "id", columns: ["a", "b"])
        #expect(table.ids == ["C1", "C2"])
        #expect(table.values.map(\.bitPattern) == [1.5, 2, .nan, .nan].map(\.bitPattern))
        #expect(table.rejects.map(\.line) == [4])
        #expect(table.rowsRead == 3)
    }

    @Test func missingColumnsStopTheLoad() {
        let directory = TemporaryDirectory()
        let path = directory.file("t.csv", "id,a\nC1,1\n")
        let error = recordError { _ = try TrainingTable.load(path: path, idColumn: "id", columns: ["a", "b", "c"]) }
        #expect(error?.code == .missingColumns)
        #expect(error?.message.contains("b, c") == true)
    }
}
