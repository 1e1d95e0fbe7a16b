import Foundation
import SegmentdTestSupport
import Testing

/// The customer-id rule through the real daemon and the migration monitor: an id is its exact UTF-8 bytes after
/// spaces and tabs around it are trimmed, the same in CSV and JSONL; an id that is not UTF-8 is a rejected row,
/// never merged with another id.
extension DaemonEndToEndTests {
    @Test("Latin-1 ids that differ in one byte are rejected rows with a reason, not merged into one customer")
    func latinOneIDsAreRejectedNotMerged() async throws {
        let tree = try IDTree()
        // `MÜLLER01` and `MÖLLER01` saved as ISO Latin 1: one byte each (0xDC, 0xD6), neither valid UTF-8.
        try await tree.process(
            "monday.csv",
            tree.csv([
                (Array("M".utf8) + [0xDC] + Array("LLER01".utf8), 0),
                (Array("PLAIN01".utf8), 1),
            ]))
        try await tree.process(
            "tuesday.csv",
            tree.csv([
                (Array("M".utf8) + [0xD6] + Array("LLER01".utf8), 2),
                (Array("PLAIN01".utf8), 3),
            ]))

        for stem in ["monday", "tuesday"] {
            let rejects = try tree.rejects(stem)
            #expect(rejects.count == 1, "\(stem): \(rejects)")
            #expect(rejects.first?.line == "2")
            #expect(rejects.first?.reason.contains("UTF-8") == true, "\(stem): \(rejects)")
            #expect(try tree.rowCounts(stem)["rejected"] == 1)
        }
        let tuesday = try tree.scoredCSV("tuesday")
        #expect(tuesday.map(\.id) == ["PLAIN01"], "only the UTF-8 id is scored: \(tuesday)")
        #expect(tuesday.first?.migration != "new", "PLAIN01 is known from monday")
        let moves = tree.text("outbox/tuesday.migrations.jsonl")
        #expect(!moves.contains("LLER01"), "no move is reported for an id that is not UTF-8: \(moves)")
        tree.remove()
    }

    @Test("a JSONL id U\\ufffd( is a new customer, not the CSV id U\\xC3( (which is rejected)")
    func replacementCharacterIDIsNotTheInvalidCSVID() async throws {
        let tree = try IDTree()
        try await tree.process(
            "monday.csv",
            tree.csv([
                (Array("U".utf8) + [0xC3] + Array("(".utf8), 0),
                (Array("OTHER1".utf8), 1),
            ]))
        try await tree.process(
            "tuesday.jsonl",
            tree.jsonl([#"{"CUST_ID":"U\ufffd("}"#, #"{"CUST_ID":"OTHER1"}"#]))

        #expect(try tree.rejects("monday").map(\.line) == ["2"])
        let tuesday = try tree.scoredJSONL("tuesday")
        #expect(tuesday.map(\.id) == ["U\u{FFFD}(", "OTHER1"])
        #expect(tuesday.first?.migration == "new", "U\\ufffd( has no history: \(tuesday)")
        #expect(tuesday.first?.previous == "")
        #expect(tuesday.last?.migration != "new", "OTHER1 is known from monday")
        tree.remove()
    }

    @Test(
        "spaces and tabs around an id are trimmed alike in CSV and JSONL: CSV `K2 ` and JSONL \"K2 \" are one customer")
    func trimmedIDsAreOneCustomerAcrossFormats() async throws {
        let tree = try IDTree()
        try await tree.process(
            "monday.csv",
            tree.csv([
                (Array("K2 ".utf8), 0), (Array("\" K3\t\"".utf8), 1),
                (Array("K4".utf8), 2),
            ]))
        let jsonl = tree.jsonl([#"{"CUST_ID":"K2 "}"#, #"{"CUST_ID":"\tK3"}"#, #"{"CUST_ID":"  K4"}"#])
        try await tree.process("tuesday.jsonl", jsonl)

        let tuesday = try tree.scoredJSONL("tuesday")
        #expect(tuesday.count == 3)
        for row in tuesday {
            #expect(row.migration != "new", "\(row.id) is known from monday: \(tuesday)")
            #expect(row.previous != "", "\(row.id) carries monday's segment: \(tuesday)")
        }
        tree.remove()
    }

    @Test("JSON number ids count in their written form: 2 and \"2\" are CSV's 2; 30.0 is not 30; \"007\" is not 7")
    func numberIDsCountInTheirWrittenForm() async throws {
        let tree = try IDTree()
        try await tree.process(
            "monday.csv",
            tree.csv([
                (Array("2".utf8), 0), (Array("30".utf8), 1),
                (Array("007".utf8), 2), (Array("5".utf8), 3),
            ]))
        let jsonl = [#"{"CUST_ID":2}"#, #"{"CUST_ID":30.0}"#, #"{"CUST_ID":7}"#, #"{"CUST_ID":"5"}"#]
        try await tree.process("tuesday.jsonl", tree.jsonl(jsonl))

        let tuesday = try tree.scoredJSONL("tuesday")
        #expect(tuesday.map { $0.migration != "new" } == [true, false, false, true], "\(tuesday)")
        tree.remove()
    }

    @Test("whitespace-only ids, a quoted line break included, are rows without an id, in CSV and JSONL")
    func whitespaceOnlyIDsHaveNoID() async throws {
        let tree = try IDTree()
        try await tree.process(
            "monday.csv",
            tree.csv([
                (Array("\"\n\"".utf8), 0), (Array("\" \t \"".utf8), 1),
                (Array("\"\r\n\"".utf8), 2), (Array("OK1".utf8), 3),
            ]))
        let jsonl = tree.jsonl([#"{"CUST_ID":"\n"}"#, #"{"CUST_ID":" \t "}"#, #"{"CUST_ID":"OK1"}"#])
        try await tree.process("tuesday.jsonl", jsonl)

        let mondayRejects = try tree.rejects("monday")
        #expect(mondayRejects.map(\.line) == ["2", "4", "5"], "\(mondayRejects)")
        #expect(mondayRejects.allSatisfy { $0.reason.contains("has no value") }, "\(mondayRejects)")
        let tuesdayRejects = try tree.rejects("tuesday")
        #expect(tuesdayRejects.map(\.line) == ["1", "2"], "\(tuesdayRejects)")
        #expect(tuesdayRejects.allSatisfy { $0.reason.contains("has no value") }, "\(tuesdayRejects)")
        #expect(try tree.scoredJSONL("tuesday").map(\.id) == ["OK1"])
        tree.remove()
    }
}

/// A daemon tree with the migration monitor enabled, and readers for what it publishes.
private struct IDTree {
    struct Row: CustomStringConvertible {
        var id: String
        var previous: String
        var migration: String
        var description: String { "\(id): \(previous) → \(migration)" }
    }

    struct Reject: CustomStringConvertible {
        var line: String
        var column: String
        var reason: String
        var description: String { "line \(line) \(column): \(reason)" }
    }

    let tree: DaemonTree

    init() throws {
        // These files are mostly rows without an id, on purpose: they are scored with their rejects, not failed.
        tree = try DaemonTree(settings: ["min_age = 0.1", "max_reject_share = 1.0"])
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(
            toFile: tree.path("etc/plugins.d/migration.toml"), atomically: true, encoding: .utf8)
    }

    /// A CSV with the fixture's header; each row is the given id bytes followed by the values of fixture row `values`.
    func csv(_ rows: [(id: [UInt8], values: Int)]) -> Data {
        var bytes = Data((tree.fixture.header + "\n").utf8)
        for row in rows {
            bytes += row.id
            bytes += Data(tree.fixture.rows[row.values].drop { $0 != "," }.utf8)
            bytes += [0x0A]
        }
        return bytes
    }

    /// JSON lines of the given objects, each holding every input column of the fixture as null after what it has
    /// (a JSONL file in which a column appears in no record fails; null values are imputed as absent ones were).
    func jsonl(_ objects: [String]) -> Data {
        let nulls = tree.fixture.header.split(separator: ",").dropFirst().map { ",\"\($0)\":null" }.joined()
        return Data(objects.map { String($0.dropLast()) + nulls + "}\n" }.joined().utf8)
    }

    /// Renames `bytes` in as `name` and runs `segmentd run --once` over the tree.
    func process(_ name: String, _ bytes: Data) async throws {
        try tree.renameIn(name, bytes)
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit(timeout: .seconds(120)) == 0, "\(once.log)")
        try #require(
            FileManager.default.fileExists(atPath: tree.path("outbox/\(stem(name)).manifest.json")),
            "\(name) is published: \(once.log)")
    }

    func text(_ relative: String) -> String {
        (try? String(contentsOfFile: tree.path(relative), encoding: .utf8)) ?? ""
    }

    /// The manifest's `rows` counts (`read`, `scored`, `rejected`).
    func rowCounts(_ stem: String) throws -> [String: Int] {
        let data = try Data(contentsOf: URL(fileURLWithPath: tree.path("outbox/\(stem).manifest.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["rows"] as? [String: Int], "\(stem).manifest.json has row counts")
    }

    /// The rejects file's rows (its header left out).
    func rejects(_ stem: String) throws -> [Reject] {
        try CSVText.records(Data(contentsOf: URL(fileURLWithPath: tree.path("outbox/\(stem).rejects.csv"))))
            .dropFirst().map { Reject(line: $0[0], column: $0[1], reason: $0[2]) }
    }

    func scoredCSV(_ stem: String) throws -> [Row] {
        let records = try CSVText.records(
            Data(contentsOf: URL(fileURLWithPath: tree.path("outbox/\(stem).scored.csv"))))
        let header = try #require(records.first)
        let previous = try #require(header.firstIndex(of: "previous_segment"))
        let migration = try #require(header.firstIndex(of: "migration"))
        return records.dropFirst().map { Row(id: $0[0], previous: $0[previous], migration: $0[migration]) }
    }

    func scoredJSONL(_ stem: String) throws -> [Row] {
        let data = try Data(contentsOf: URL(fileURLWithPath: tree.path("outbox/\(stem).scored.jsonl")))
        return try data.split(separator: 0x0A).map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let id = object["CUST_ID"].map { ($0 as? String) ?? "\($0)" } ?? ""
            return Row(
                id: id, previous: object["previous_segment"] as? String ?? "",
                migration: object["migration"] as? String ?? "")
        }
    }

    func remove() { tree.remove() }

    private func stem(_ name: String) -> String { String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)]) }
}
