import Foundation
import SegmentSupport
@testable import ScoringHost
import SegmentCore
import SegmentIO
import Testing

/// `POST /v1/segment` at host level, and what the plugins do over HTTP.
@Suite("single customer and plugins over HTTP")
struct SingleCustomerTests {
    /// The guide's request: its 16 derived fields, none of the raw columns the pipeline derives them from.
    static let guideFields = [
        "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
        "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
        "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "PRC_FULL_PAYMENT", "Monthly_Avg_Purchase",
        "Monthly_Avg_Cash", "Limit_Usage", "Pay_to_MinimumPay",
    ]

    @Test("one customer gets the guide's fields, the model version and the plugins' columns, and no index")
    func success() throws {
        let fixture = try RequestFixture()
        let row = fixture.fields(1)[0]
        let result = try RequestFixture.json(try fixture.host.scoreCustomer(Array(fixture.object(row).utf8)))
        let plugins = fixture.host.outputSchema.columns.filter { $0.source != OutputSchema.coreSource }.map(\.name)
        #expect(plugins.contains("campaign") && plugins.contains("discount_pct") && plugins.contains("migration"))
        let keys = [
            "customer_id", "segment_id", "segment_name", "description", "marketing_strategy", "retention_priority",
            "confidence", "distance", "model_version",
        ]
        #expect(Set(result.keys) == Set(keys + plugins))
        let expected = try fixture.host.score(rows: fixture.batchRows(1), name: "compare").rows[0]
        #expect(result["customer_id"] as? String == row[0])
        #expect(result["segment_id"] as? Int == expected.segmentID)
        #expect(result["segment_name"] as? String == expected.segmentName)
        #expect(result["model_version"] as? String == fixture.host.modelVersion)
        #expect((result["description"] as? String)?.isEmpty == false)
        #expect(result["migration"] as? String == "new")
        #expect(result["installment_months"] is Int)
    }

    @Test("the guide's 16 derived fields are answered with every raw column the pipeline needs and lacks")
    func guideRequest() throws {
        let fixture = try RequestFixture()
        let body =
            "{" + Self.guideFields.enumerated().map { "\"\($1)\": \(Double($0) + 0.5)" }.joined(separator: ",\n")
            + "}"
        let error = try #require(throws: ScoringInputError.self) {
            _ = try fixture.host.scoreCustomer(Array(body.utf8))
        }
        let given = Set(Self.guideFields.map { $0.lowercased() })
        let needed = [fixture.host.scorer.idColumn] + fixture.host.scorer.inputColumns
        #expect(error.code == .missingColumns)
        #expect(error.missingColumns == needed.filter { !given.contains($0.lowercased()) })
        #expect(
            error.missingColumns == ["CUST_ID", "BALANCE", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS", "TENURE"])
        #expect(error.message.contains("CREDIT_LIMIT"))
    }

    @Test("a bad value names its column; a body that is not one object is an invalid body")
    func badCustomer() throws {
        let fixture = try RequestFixture()
        let object = fixture.object(fixture.fields(1)[0]).replacingOccurrences(
            of: "\"TENURE\":", with: "\"TENURE\":\"twelve\",\"t\":")
        let error = try #require(throws: ScoringInputError.self) {
            _ = try fixture.host.scoreCustomer(Array(object.utf8))
        }
        #expect(error.code == .invalidRecord && error.column == "TENURE")
        for body in ["[{}]", "", "{\"CUST_ID\":\"C1\"} {}"] {
            let error = try #require(throws: ScoringInputError.self) {
                _ = try fixture.host.scoreCustomer(Array(body.utf8))
            }
            #expect(error.code == .invalidBody || error.code == .emptyBody, "\(body)")
        }
    }

    @Test("over HTTP the migration monitor reports the committed history and never writes it")
    func migrationReadsOnly() throws {
        let fixture = try RequestFixture()
        let body = Array(fixture.fields(20).map(fixture.object).joined(separator: "\n").utf8)
        _ = try fixture.run(body, .ndjson, .ndjson)
        #expect(!FileManager.default.fileExists(atPath: fixture.scratch.file("var/migration.sqlite")))

        // A file commits the customers' segments (the daemon's door), then HTTP requests read them.
        let committed = try fixture.fileHost.score(rows: fixture.batchRows(20), name: "committed")
        let before = try Self.digests(fixture.scratch.file("var"))
        #expect(!before.isEmpty)
        for _ in 0..<2 {
            let lines = try RequestFixture.ndjson(try fixture.run(body, .ndjson, .ndjson))
            #expect(lines.count == 20)
            for line in lines {
                let index = try #require(line["index"] as? Int)
                #expect(line["previous_segment"] as? String == committed.rows[index].segmentName)
                #expect(line["migration"] as? String == "same")
            }
            _ = try fixture.host.scoreCustomer(Array(fixture.object(fixture.fields(1)[0]).utf8))
        }
        #expect(try Self.digests(fixture.scratch.file("var")) == before)
    }

    @Test("plugins outside campaign, pricing and migration run over HTTP only when [http] plugins lists them")
    func httpSelection() throws {
        let scratch = try Scratch()
        let plugins = try pluginSet(["tag": "enabled = true\n"], in: scratch)
        let host = ScoringHost(scorer: SignScorer(), plugins: plugins)
        #expect(host.forHTTP(allowing: []).plugins.members.isEmpty)
        #expect(host.forHTTP(allowing: []).outputSchema.columns.map(\.name) == OutputSchema.coreColumns.map(\.name))
        #expect(host.forHTTP(allowing: ["tag"]).plugins.members.count == 1)
        let result = try RequestFixture.json(
            try host.forHTTP(allowing: ["tag"]).scoreCustomer(Array("{\"id\":\"a\",\"x\":2}".utf8)))
        #expect(result["tag"] != nil && result["segment_name"] as? String == "High")
    }

    /// SHA-256 of every file under `directory`, by name, but SQLite's `-shm` wal-index: readers of a WAL database
    /// record their read marks there by design (it is shared memory kept in a file, not the history).
    private static func digests(_ directory: String) throws -> [String: String] {
        var digests: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasSuffix("-shm") {
            digests[name] = try FileSHA256.digest(path: directory + "/" + name).sha256
        }
        return digests
    }
}
