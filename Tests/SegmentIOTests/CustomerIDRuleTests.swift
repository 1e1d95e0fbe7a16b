import Testing
@testable import SegmentIO

/// The one id rule for CSV and JSONL: the id's exact UTF-8 bytes after spaces and tabs around it are removed;
/// JSON numbers as written; not UTF-8 (or a lone surrogate) is a rejected row; nothing but white space is no id.
@Suite("Customer id rule")
struct CustomerIDRuleTests {
    private func load(_ bytes: [UInt8], ext: String) throws -> TrainingTable {
        let directory = TemporaryDirectory()
        let path = directory.file("t.\(ext)", bytes: bytes)
        return try TrainingTable.load(path: path, idColumn: "id", columns: ["a", "b"])
    }

    @Test("CSV ids: UTF-8 kept byte for byte, spaces and tabs trimmed, Latin-1 rejected with the byte and a fix")
    func csvIDs() throws {
        let rows: [[UInt8]] = [
            Array("MÜLLER01,1,2".utf8), Array("M".utf8) + [0xDC] + Array("LLER01,1,2".utf8),
            Array(" K2 ,1,2".utf8), Array("\"\tK3 \",1,2".utf8),
            Array("\"M".utf8) + [0xD6] + Array("LLER01\",1,2".utf8),
            Array("e\u{301},1,2".utf8), Array("\u{E9},1,2".utf8),
        ]
        let text = Array("id,a,b\n".utf8) + rows.flatMap { $0 + [0x0A] }
        let table = try load(text, ext: "csv")
        #expect(
            table.ids.map { Array($0.utf8) } == [
                Array("MÜLLER01".utf8), Array("K2".utf8), Array("K3".utf8),
                Array("e\u{301}".utf8), Array("\u{E9}".utf8),
            ])
        #expect(table.rejects.map(\.line) == [3, 6])
        #expect(table.rejects.allSatisfy { $0.column == "id" })
        #expect(table.rejects.first?.reason.contains("not valid UTF-8") == true, "\(table.rejects)")
        #expect(table.rejects.first?.reason.contains("0xDC") == true, "\(table.rejects)")
    }

    @Test("JSONL ids: trimmed like CSV, escapes decoded, numbers as written, lone surrogates rejected")
    func jsonlIDs() throws {
        let lines = [
            #"{"id":"K2 "}"#, #"{"id":"\tK\u0033"}"#, #"{"id":2}"#, #"{"id":2.0}"#, #"{"id":-1E3}"#,
            #"{"id":"\ud800"}"#, #"{"id":"\udc00"}"#, #"{"id":"x\ud83d\ude00"}"#, #"{"id":"U\ufffd("}"#,
        ]
        let table = try load(Array((lines.joined(separator: "\n") + "\n").utf8), ext: "jsonl")
        #expect(table.ids == ["K2", "K3", "2", "2.0", "-1E3", "x\u{1F600}", "U\u{FFFD}("])
        #expect(table.rejects.map(\.line) == [6, 7])
        #expect(table.rejects.allSatisfy { $0.reason.contains("surrogate") }, "\(table.rejects)")
    }

    @Test("ids of only white space are no id in both formats, a quoted line break included")
    func whiteSpaceIDs() throws {
        let csv = try load(Array("id,a,b\n\"\n\",1,2\n\" \",1,2\n\"\r\n\",1,2\nok,1,2\n".utf8), ext: "csv")
        #expect(csv.ids == ["ok"])
        #expect(csv.rejects.map(\.line) == [2, 4, 5])
        #expect(csv.rejects.allSatisfy { $0.reason.contains("has no value") }, "\(csv.rejects)")
        let jsonl = try load(Array("{\"id\":\"\\n\"}\n{\"id\":\" \\t\\r\"}\n{\"id\":\"ok\"}\n".utf8), ext: "jsonl")
        #expect(jsonl.ids == ["ok"])
        #expect(jsonl.rejects.map(\.line) == [1, 2])
    }
}
