import Foundation
@testable import ScoringHost
import SegmentCore
import SegmentIO
import SegmentdTestSupport
import Testing

/// `POST /v1/segment/batch` at host level: every body format, every response format, cut anywhere.
@Suite("batch scoring stream")
struct BatchStreamTests {
    /// 30 rows; record 3 has a value that is not a number, record 11 no id.
    private func csvBody(_ fixture: RequestFixture) -> [UInt8] {
        var rows = fixture.fields(30)
        rows[3][2] = "abc"
        rows[11][0] = ""
        return Array(
            (([fixture.model.header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n").utf8)
    }

    /// The same 30 rows as NDJSON with a blank line, plus a line that is not an object (record 30).
    private func ndjsonBody(_ fixture: RequestFixture) -> [UInt8] {
        var lines = fixture.fields(30).map(fixture.object)
        lines[3] = lines[3].replacingOccurrences(of: "\"BALANCE\":", with: "\"BALANCE\":\"abc\",\"x\":")
        lines.insert("", at: 5)
        lines.append("[1]")
        return Array(lines.joined(separator: "\n").utf8)
    }

    /// The 30 rows as a pretty-printed JSON array, plus a number element (record 30).
    private func arrayBody(_ fixture: RequestFixture) -> [UInt8] {
        let objects = fixture.fields(30).map(fixture.object) + ["5"]
        return Array(("[\n  " + objects.joined(separator: ",\n  ") + "\n]\n").utf8)
    }

    @Test("feeding byte by byte, in odd pieces or whole gives the same response, for every format pair")
    func chunkBoundaries() throws {
        let fixture = try RequestFixture()
        let bodies: [(BodyFormat, [UInt8])] = [
            (.csv, csvBody(fixture)), (.ndjson, ndjsonBody(fixture)), (.jsonArray, arrayBody(fixture)),
        ]
        for (format, body) in bodies {
            for response in ResponseFormat.allCases {
                let whole = try fixture.run(body, format, response)
                #expect(!whole.isEmpty)
                #expect(try fixture.run(body, format, response, cuts: [1]) == whole, "\(format) → \(response)")
                #expect(try fixture.run(body, format, response, cuts: [3, 17, 64, 1, 250]) == whole)
                let onePiece = try fixture.run(body, format, response, limits: ScoringLimits(pieceRows: 1000))
                #expect(onePiece == whole, "the piece size does not change the response")
            }
        }
    }

    @Test("records parsed and assigned in two halves on two threads give the response of one thread, byte for byte")
    func halves() throws {
        let fixture = try RequestFixture()
        let bodies: [(BodyFormat, [UInt8])] = [
            (.csv, csvBody(fixture)), (.ndjson, ndjsonBody(fixture)), (.jsonArray, arrayBody(fixture)),
        ]
        let oneThread = ScoringLimits(pieceRows: 7, splitBytes: .max, splitRows: .max)
        let twoThreads = ScoringLimits(pieceRows: 7, splitBytes: 2, splitRows: 2)
        for (format, body) in bodies {
            for response in ResponseFormat.allCases {
                let whole = try fixture.run(body, format, response, limits: oneThread)
                let split = try fixture.run(body, format, response, limits: twoThreads)
                #expect(split == whole, "\(format) → \(response)")
                let cut = try fixture.run(body, format, response, cuts: [700, 90], limits: twoThreads)
                #expect(cut == whole, "\(format) → \(response), fed in pieces")
            }
            for limits in [oneThread, twoThreads] {
                var limited = limits
                limited.maxRows = 20
                let error = try #require(throws: ScoringInputError.self) {
                    _ = try fixture.run(body, format, .ndjson, limits: limited)
                }
                #expect(error.code == .tooManyRows && error.index == 20, "\(format)")
            }
        }
    }

    @Test("bytes appended and parsed only at the end give the response of bytes fed, a last record cut short last")
    func appendThenFinish() throws {
        let fixture = try RequestFixture()
        let bodies: [(BodyFormat, [UInt8])] = [
            (.csv, csvBody(fixture) + Array("S9,\"1,2".utf8)), (.ndjson, ndjsonBody(fixture)),
            (.jsonArray, arrayBody(fixture)),
        ]
        for (format, body) in bodies {
            let fed = try fixture.run(body, format, .ndjson, cuts: [64])
            let stream = BatchScoringStream(host: fixture.host, body: format, response: .ndjson)
            try body.withUnsafeBytes { try stream.append($0) }
            let appended = try stream.finish()
            #expect(appended == fed, "\(format)")
        }
    }

    @Test("a JSON response lists every result then every reject, with index, line and column")
    func jsonShape() throws {
        let fixture = try RequestFixture()
        let document = try RequestFixture.json(try fixture.run(csvBody(fixture), .csv, .json))
        #expect(document["model_version"] as? String == fixture.host.modelVersion)
        let results = try #require(document["results"] as? [[String: Any]])
        let rejects = try #require(document["rejects"] as? [[String: Any]])
        #expect(results.count == 28)
        #expect(rejects.map { $0["index"] as? Int } == [3, 11])
        #expect(rejects.map { $0["line"] as? Int } == [5, 13])
        #expect(rejects[0]["column"] as? String == "BALANCE_FREQUENCY")
        #expect((rejects[0]["reason"] as? String)?.contains("\"abc\" is not a number") == true)
        #expect(rejects[1]["column"] as? String == "CUST_ID")
        let expected = try fixture.host.score(rows: fixture.batchRows(30), name: "compare").rows
        for result in results {
            let index = try #require(result["index"] as? Int)
            #expect(result["segment_id"] as? Int == expected[index].segmentID)
            #expect(result["segment_name"] as? String == expected[index].segmentName)
            #expect(result["model_version"] as? String == fixture.host.modelVersion)
            for key in ["customer_id", "description", "marketing_strategy", "retention_priority"] {
                #expect(result[key] is String, "\(key)")
            }
            #expect(result["confidence"] is Double || result["confidence"] is Int)
            for column in fixture.host.outputSchema.columns where column.source != OutputSchema.coreSource {
                #expect(result.keys.contains(column.name), "plugin column \(column.name)")
            }
        }
    }

    @Test("NDJSON and CSV responses report rejects in line, in index order")
    func inlineRejects() throws {
        let fixture = try RequestFixture()
        let lines = try RequestFixture.ndjson(try fixture.run(ndjsonBody(fixture), .ndjson, .ndjson))
        #expect(lines.count == 31)
        #expect(lines.map { $0["index"] as? Int } == Array(0..<31))
        let errors = lines.filter { $0["error"] != nil }
        #expect(errors.map { $0["index"] as? Int } == [3, 30])
        #expect(errors.map { $0["line"] as? Int } == [4, 32])
        #expect((errors[0]["error"] as? [String: Any])?["column"] as? String == "BALANCE")

        let csv = CSVText.records(Data(try fixture.run(arrayBody(fixture), .jsonArray, .csv)))
        let header = try #require(csv.first)
        let pluginColumns = fixture.host.outputSchema.columns.filter { $0.source != OutputSchema.coreSource }
        #expect(header == ResultWriter.csvColumns(plugins: pluginColumns.map(\.name)))
        let error = try #require(header.firstIndex(of: "error"))
        let version = try #require(header.firstIndex(of: "model_version"))
        #expect(csv.count == 32)
        for (position, row) in csv.dropFirst().enumerated() {
            #expect(row.count == header.count)
            #expect(row[0] == String(position))
            #expect(row[version] == fixture.host.modelVersion)
            #expect(row[error].isEmpty == (position != 30), "row \(position)")
        }
    }

    @Test("a CSV header or a JSON first piece lacking columns fails before the response starts, naming them all")
    func missingColumns() throws {
        let fixture = try RequestFixture()
        let header = "CUST_ID,BALANCE,PURCHASES\nC1,1,2\n"
        let stream = BatchScoringStream(host: fixture.host, body: .csv, response: .json)
        let error = try #require(throws: ScoringInputError.self) { _ = try stream.feed(Array(header.utf8)) }
        #expect(error.code == .missingColumns)
        #expect(error.missingColumns.count == fixture.host.scorer.inputColumns.count - 2)
        #expect(error.missingColumns.contains("TENURE") && !error.missingColumns.contains("BALANCE"))
        #expect(!stream.hasStarted)

        let lines = fixture.fields(3).map(fixture.object).map {
            $0.replacingOccurrences(of: "\"TENURE\":", with: "\"T\":")
        }
        let json = try #require(throws: ScoringInputError.self) {
            _ = try fixture.run(Array(lines.joined(separator: "\n").utf8), .ndjson, .ndjson)
        }
        #expect(json.code == .missingColumns && json.missingColumns == ["TENURE"])
    }

    @Test("max_batch_rows and max_stream_bytes stop a stream; after the start it ends with an error record")
    func limits() throws {
        let fixture = try RequestFixture()
        let body = csvBody(fixture)
        let early = try #require(throws: ScoringInputError.self) {
            _ = try fixture.run(body, .csv, .json, limits: ScoringLimits(maxRows: 5, pieceRows: 100))
        }
        #expect(early.code == .tooManyRows)
        let large = try #require(throws: ScoringInputError.self) {
            _ = try fixture.run(body, .csv, .json, limits: ScoringLimits(maxStreamBytes: 100))
        }
        #expect(large.code == .bodyTooLarge)

        let stream = BatchScoringStream(
            host: fixture.host, body: .csv, response: .ndjson, limits: ScoringLimits(maxRows: 5, pieceRows: 2))
        var out: [UInt8] = []
        do {
            for byte in body { out += try stream.feed([byte]) }
            Issue.record("six records passed a limit of five")
        } catch {
            #expect(stream.hasStarted)
            out += stream.failure(error)
        }
        let lines = try RequestFixture.ndjson(out)
        let last = try #require(lines.last?["error"] as? [String: Any])
        #expect(last["code"] as? String == "too-many-rows")
        #expect(lines.dropLast().allSatisfy { $0["index"] != nil })
    }

    @Test("a JSON array body that is not an array, or is cut short, is an invalid body")
    func invalidArray() throws {
        let fixture = try RequestFixture()
        for text in ["{\"a\":1}", "[{\"CUST_ID\":\"C1\"}", "[1] [2]", ""] {
            let error = try #require(throws: ScoringInputError.self) {
                _ = try fixture.run(Array(text.utf8), .jsonArray, .json)
            }
            #expect(error.code == .invalidBody || error.code == .emptyBody, "\(text)")
        }
    }
}
