import Foundation
@testable import ScoringHost
import SegmentIO
import Testing

/// Values that parse but overflow a derived feature (a huge amount over a tiny tenure): the distances are not
/// finite, so there is no nearest segment and no number to write. Found by schemathesis: the response said
/// `"distance":,` (not JSON) with a made-up segment.
@Suite("scoring requests with values that overflow the features")
struct ExtremeValueTests {
    /// The first generated customer with CASH_ADVANCE 1e300 and TENURE 1e-100.
    private func extreme(_ fixture: RequestFixture, row: Int = 0) -> String {
        var fields = fixture.fields(row + 1)[row]
        fields[fixture.header.firstIndex(of: "CASH_ADVANCE")!] = "1e300"
        fields[fixture.header.firstIndex(of: "TENURE")!] = "1e-100"
        return fixture.object(fields)
    }

    @Test("one such customer is a 422 invalid-record, not a result without a distance")
    func single() throws {
        let fixture = try RequestFixture()
        let error = try #require(throws: ScoringInputError.self) {
            _ = try fixture.host.scoreCustomer(Array(extreme(fixture).utf8))
        }
        #expect(error.code == .invalidRecord && error.index == 0)
        #expect(error.message.contains("too extreme"))
    }

    @Test("in a batch such a record is a reject in index order; the others are scored, in every response format")
    func batch() throws {
        let fixture = try RequestFixture()
        var objects = fixture.fields(5).map(fixture.object)
        objects[2] = extreme(fixture, row: 2)
        let body = Array(objects.joined(separator: "\n").utf8)

        let document = try RequestFixture.json(try fixture.run(body, .ndjson, .json))
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["index"] as? Int } == [0, 1, 3, 4])
        #expect(results.allSatisfy { $0["distance"] is Double })
        let rejects = try #require(document["rejects"] as? [[String: Any]])
        #expect(rejects.count == 1 && rejects.first?["index"] as? Int == 2)

        let lines = try RequestFixture.ndjson(try fixture.run(body, .ndjson, .ndjson))
        #expect(lines.map { $0["index"] as? Int } == [0, 1, 2, 3, 4])
        #expect(lines[2]["error"] != nil && lines[2]["distance"] == nil)

        let csv = String(decoding: try fixture.run(body, .ndjson, .csv), as: UTF8.self)
        let rows = csv.split(separator: "\n").dropFirst()
        #expect(rows.count == 5)
        #expect(rows.filter { $0.contains("too extreme") }.map { $0.prefix(2) } == ["2,"])
    }
}
