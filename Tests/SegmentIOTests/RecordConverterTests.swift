import Foundation
import Testing
@testable import SegmentIO

/// `RecordConverter`: the rules `segmentd score` follows when the output's format differs from the input's.
struct RecordConverterTests {
    /// Writes `text` to a new file named `name`, converts it, and returns the converted text.
    func convert(
        _ text: String, _ name: String, from format: RecordFormat, to target: RecordFormat, textColumns: [String] = []
    ) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent(name).path
        let output = directory.appendingPathComponent("out").path
        try text.write(toFile: source, atomically: true, encoding: .utf8)
        try RecordConverter.convert(
            source, from: format, to: target, textColumns: textColumns, into: try RecordDestination(path: output))
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    @Test("CSV to JSONL: quoted fields unquoted, empty fields null, numbers as numbers, text columns as strings")
    func csvToJSONL() throws {
        let csv = "id,a,note,segment_name\r\n007,1.5,\"x, \"\"y\"\"\nz\",12\n008,,-0.5e3,n\n009,01,true\n"
        let jsonl = try convert(csv, "in.csv", from: .csv, to: .jsonl, textColumns: ["ID", "segment_name"])
        #expect(
            jsonl == """
                {"id":"007","a":1.5,"note":"x, \\"y\\"\\nz","segment_name":"12"}
                {"id":"008","a":null,"note":-0.5e3,"segment_name":"n"}
                {"id":"009","a":"01","note":"true","segment_name":null}

                """)
    }

    @Test("JSONL to CSV: keys in order of first appearance with the scoring columns last; nested values as JSON")
    func jsonlToCSV() throws {
        let jsonl = """
            {"id":"C1","a":1,"segment_id":0,"segment_name":"n","confidence":0.5,"distance":1,"model_version":"v"}
            { "id" : "C2", "extra":{"k":[1, 2]},"a":null,"note":"a,\\"b\\"\\u00e9","segment_id":1,"segment_name":"m",\
            "confidence":0.25,"distance":2,"model_version":"v"}

            """
        let csv = try convert(jsonl, "in.jsonl", from: .jsonl, to: .csv)
        #expect(
            csv == """
                id,a,extra,note,segment_id,segment_name,confidence,distance,model_version
                C1,1,,,0,n,0.5,1,v
                C2,,"{""k"":[1, 2]}","a,""b""é",1,m,0.25,2,v

                """)
    }

    @Test("JSONL to CSV: keys that move between lines, escaped spellings of one key and keys new on later lines")
    func jsonlKeysThatMove() throws {
        // The converter finds a key's column by its position on the line before: every way that guess is wrong.
        let jsonl = """
            {"id":"C1","a":1,"b":2}
            {"b":3,"id":"C2","a":4}
            {"id":"C3","\\u0061":5,"b\\"c":6,"b":7}
            {"id":"C4","a":8,"a":9}
            {"id":"C5","ab":10,"b":11}
            {"id":"C6","a":12,"b":13}

            """
        let csv = try convert(jsonl, "in.jsonl", from: .jsonl, to: .csv)
        #expect(
            csv == """
                id,a,b,"b""c",ab
                C1,1,2,,
                C2,4,3,,
                C3,5,7,6,
                C4,9,,,
                C5,,11,,10
                C6,12,13,,

                """)
    }

    @Test("records across the reading blocks: CSV to JSONL and back gives the same bytes")
    func roundTripOverManyBlocks() throws {
        var csv = "id,note\n"
        for row in 0..<40_000 { csv += "C\(row),\"row \(row), line one\nline \"\"two\"\"\"\n" }
        let jsonl = try convert(csv, "in.csv", from: .csv, to: .jsonl)
        #expect(jsonl.split(separator: "\n").count == 40_000)
        #expect(try convert(jsonl, "in.jsonl", from: .jsonl, to: .csv) == csv)
    }

    @Test("a line that is not a JSON object fails naming its line")
    func notAnObjectFails() throws {
        #expect(throws: RecordError.self) {
            _ = try convert("{\"a\":1}\n[1]\n", "in.jsonl", from: .jsonl, to: .csv)
        }
    }
}
