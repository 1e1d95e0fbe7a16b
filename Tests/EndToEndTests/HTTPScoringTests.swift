import Foundation
import Testing

/// `segmentd serve` on port 0 and curl: the scoring endpoints end to end.
@Suite("HTTP scoring end to end", .serialized)
struct HTTPScoringTests {
    /// A trained workspace served with the campaign plugin enabled.
    private static func serve() throws -> (Workspace, ServeProcess) {
        let workspace = try CommandLineTests.trainedWorkspace()
        try FileManager.default.createDirectory(atPath: workspace.path("plugins.d"), withIntermediateDirectories: true)
        try workspace.write("plugins.d/campaign.toml", "enabled = true\n")
        // Relative paths resolve against the base directory, the parent of the configuration's etc/.
        try FileManager.default.createDirectory(atPath: workspace.path("etc"), withIntermediateDirectories: true)
        try workspace.write(
            "etc/segmentd.toml",
            "model = \"model.json\"\nplugins_dir = \"plugins.d\"\n[http]\nlisten = \"127.0.0.1:0\"\n")
        return (workspace, try ServeProcess(in: workspace))
    }

    private static let guideFields = [
        "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
        "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
        "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "PRC_FULL_PAYMENT", "Monthly_Avg_Purchase",
        "Monthly_Avg_Cash", "Limit_Usage", "Pay_to_MinimumPay",
    ]

    /// The first `count` customers of the workspace's data as JSON objects.
    private static func objects(_ workspace: Workspace, _ count: Int) throws -> [String] {
        let lines = try workspace.lines("customers.csv")
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().prefix(count).map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return "{"
                + zip(header, fields).map { name, value in
                    "\"\(name)\":" + (name == "CUST_ID" ? "\"\(value)\"" : value.isEmpty ? "null" : value)
                }.joined(separator: ",") + "}"
        }
    }

    @Test("one customer: the guide's field names and model_version; the guide's 16 fields: 422 naming raw columns")
    func single() throws {
        let (workspace, server) = try Self.serve()
        let object = try Self.objects(workspace, 1)[0]
        let ok = try server.post("/v1/segment", body: Data(object.utf8), type: "application/json")
        #expect(ok.status == 200)
        let result = try #require(try JSONSerialization.jsonObject(with: ok.body) as? [String: Any])
        for key in [
            "segment_id", "segment_name", "description", "marketing_strategy", "retention_priority",
            "confidence", "distance", "customer_id", "campaign", "channel",
        ] {
            #expect(result[key] != nil, "\(key)")
        }
        let version = try #require(result["model_version"] as? String)
        #expect(ok.headers["segmentd-model-version"] == version)

        let guide = "{" + Self.guideFields.map { "\"\($0)\": 1.5" }.joined(separator: ", ") + "}"
        let problem = try server.post("/v1/segment", body: Data(guide.utf8), type: "application/json")
        #expect(problem.status == 422)
        #expect(problem.headers["content-type"] == "application/problem+json")
        let document = try #require(try JSONSerialization.jsonObject(with: problem.body) as? [String: Any])
        #expect(document["type"] as? String == "https://segmentd.dev/problems/missing-columns")
        #expect(
            document["missing_columns"] as? [String]
                == ["CUST_ID", "BALANCE", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS", "TENURE"])
        server.stop()
    }

    @Test("a batch in each format, with its rejects, answered in the request's format or the one Accept asks for")
    func batches() throws {
        let (workspace, server) = try Self.serve()
        var csvLines = try workspace.lines("customers.csv").prefix(11).map(String.init)
        csvLines[3] = csvLines[3].replacingOccurrences(of: ",12", with: ",twelve")
        let csv = Data((csvLines.joined(separator: "\n") + "\n").utf8)
        var objects = try Self.objects(workspace, 10)
        objects[4] = "{\"CUST_ID\": null}"
        let ndjson = Data(objects.joined(separator: "\n").utf8)
        let array = Data(("[" + objects.joined(separator: ",\n") + "]").utf8)

        let csvAnswer = try server.post("/v1/segment/batch", body: csv, type: "text/csv")
        #expect(csvAnswer.status == 200 && csvAnswer.headers["content-type"]?.hasPrefix("text/csv") == true)
        let version = try #require(csvAnswer.headers["segmentd-model-version"])
        let rows = String(decoding: csvAnswer.body, as: UTF8.self).split(separator: "\n")
        #expect(rows.count == 11 && rows[0].hasPrefix("index,customer_id,segment_id"))
        #expect(rows.dropFirst().allSatisfy { $0.contains(version) })
        #expect(rows[3].hasPrefix("2,,") && rows[3].contains("twelve"))

        let ndjsonAnswer = try server.post("/v1/segment/batch", body: ndjson, type: "application/x-ndjson")
        #expect(ndjsonAnswer.headers["content-type"] == "application/x-ndjson")
        let lines = String(decoding: ndjsonAnswer.body, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[4].hasPrefix("{\"index\":4,\"line\":5,\"error\":"))

        let jsonAnswer = try server.post("/v1/segment/batch", body: array, type: "application/json")
        let document = try #require(try JSONSerialization.jsonObject(with: jsonAnswer.body) as? [String: Any])
        #expect(document["model_version"] as? String == version)
        #expect((document["results"] as? [Any])?.count == 9)
        #expect((document["rejects"] as? [[String: Any]])?.first?["index"] as? Int == 4)

        let negotiated = try server.post(
            "/v1/segment/batch", body: csv, type: "text/csv", accept: "application/xml;q=0.9, application/x-ndjson")
        #expect(negotiated.status == 200 && negotiated.headers["content-type"] == "application/x-ndjson")
        #expect(negotiated.headers["segmentd-model-version"] == version)
        let refused = try server.post("/v1/segment/batch", body: csv, type: "text/csv", accept: "application/xml")
        #expect(refused.status == 406)
        let unsupported = try server.post("/v1/segment/batch", body: csv, type: "text/plain")
        #expect(unsupported.status == 415)
        let missing = try server.post("/v1/segment/batch", body: Data("CUST_ID,BALANCE\nC1,2\n".utf8), type: "text/csv")
        #expect(missing.status == 422)
        server.stop()
    }

    @Test("a CSV body of 200,000 rows streams with bounded server memory; four times the body adds little more")
    func boundedMemory() throws {
        let (workspace, server) = try Self.serve()
        try Segmentd.succeed(["generate", "--rows", "200000", "--seed", "5", "big.csv"], in: workspace.url)
        let text = try workspace.read("big.csv")
        let size = text.utf8.count
        let rows = text[text.index(after: try #require(text.firstIndex(of: "\n")))...]
        try workspace.write("huge.csv", String(text) + String(repeating: String(rows), count: 3))
        let warmUp = try workspace.lines("big.csv").prefix(100).joined(separator: "\n")
        _ = try server.post("/v1/segment/batch", body: Data(warmUp.utf8), type: "text/csv")
        let before = try server.peakResidentBytes()
        let answer = try server.post(
            "/v1/segment/batch", file: workspace.path("big.csv"), type: "text/csv", output: workspace.path("out.csv"))
        #expect(answer.status == 200)
        let out = try workspace.lines("out.csv")
        #expect(out.count == 200_001)
        #expect(out.last?.hasSuffix(",,") == true, "the last row is scored, no final error record")
        let after = try server.peakResidentBytes()
        let huge = try server.post(
            "/v1/segment/batch", file: workspace.path("huge.csv"), type: "text/csv", accept: "application/x-ndjson",
            output: workspace.path("out.ndjson"))
        #expect(huge.status == 200)
        #expect(try workspace.lines("out.ndjson").count == 800_000)
        let afterHuge = try server.peakResidentBytes()
        print("CSV bodies of \(size) and \(4 * size) bytes: peak RSS \(before) -> \(after) -> \(afterHuge) bytes")
        #expect(after - before < size * 4 / 5, "peak grew \(after - before) bytes for a \(size)-byte body")
        // Four times the body raises the peak by far less than the three extra bodies (61 MB) a server holding the
        // body would need: 12.5-16.4 MB alone on a quiet machine and up to 23 MB under the whole suite's load
        // (2026-12-06), the pieces in flight and the threads' buffers. The bound, two bodies (41 MB), keeps that
        // margin on both sides.
        #expect(afterHuge - after < 2 * size, "a body four times larger raised the peak by \(afterHuge - after)")
        server.stop()
    }
}
