import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// `segmentd serve` on loopback port 0, called with curl: each endpoint's success and error shapes.
@Suite("segmentd serve: endpoints", .serialized)
struct ServeEndpointTests {
    @Test("healthz, readyz, model, status, metrics and openapi.json answer with their documented shapes")
    func shapes() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"

        let health = try Curl.request("\(base)/healthz")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "ok")
        let ready = try Curl.request("\(base)/readyz")
        #expect(ready.status == 200, "\(ready.text)")

        let model = try Curl.request("\(base)/v1/model")
        #expect(model.status == 200)
        #expect(model.headers["content-type"] == "application/json")
        let version = try #require(model.json["model_version"] as? String)
        #expect(!version.isEmpty)
        #expect(model.json["training_rows"] as? Int == 3000)
        let k = try #require(model.json["k"] as? Int)
        #expect(model.json["silhouette"] is Double)
        #expect(model.json["created_at"] is String)
        let segments = try #require(model.json["segments"] as? [[String: Any]])
        #expect(segments.count == k)
        for segment in segments {
            for key in ["id", "name", "description", "marketing_strategy", "retention_priority", "size", "share"] {
                #expect(segment[key] != nil, "segment without \(key): \(segment)")
            }
        }
        #expect(segments.map { $0["size"] as? Int ?? 0 }.reduce(0, +) == 3000)

        let status = try Curl.request("\(base)/v1/status")
        #expect(status.status == 200)
        #expect(status.json["model_version"] as? String == version)
        #expect(status.json["inbox"] is NSNull, "serve has no inbox: \(status.text)")
        #expect(status.json["uptime_seconds"] is Double)
        #expect((status.json["config_sha256"] as? String)?.count == 64)
        #expect(status.json["plugins"] is [Any])
        #expect(status.json["model_age_seconds"] is Double)

        let metrics = try Curl.request("\(base)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)

        let openapi = try Curl.request("\(base)/openapi.json")
        #expect(openapi.status == 200)
        #expect(openapi.json["openapi"] as? String == "3.1.0")
        let paths = try #require(openapi.json["paths"] as? [String: Any])
        for path in ["/healthz", "/readyz", "/v1/model", "/v1/status", "/v1/report", "/metrics", "/openapi.json"] {
            #expect(paths[path] != nil, "openapi.json lacks \(path)")
        }
    }

    @Test("GET /v1/report answers with the champion's HTML report: one bar per segment, no script")
    func report() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"
        let k = try #require(try Curl.request("\(base)/v1/model").json["k"] as? Int)

        let report = try Curl.request("\(base)/v1/report")
        #expect(report.status == 200)
        #expect(report.headers["content-type"] == "text/html; charset=utf-8")
        #expect(report.text.hasPrefix("<!DOCTYPE html>"))
        #expect(report.text.contains("data-chart=\"sizes\" data-marks=\"\(k)\""), "\(report.text.prefix(400))")
        #expect(!report.text.contains("<script"))
        let history = try Curl.request("\(base)/v1/report?history=1")
        #expect(history.status == 404, "serve counts no files: no history")
        #expect(history.headers["content-type"] == "application/problem+json")
        #expect((history.json["detail"] as? String ?? "").contains("segmentd report --history"))
    }

    @Test("an unknown path is 404 and a wrong method 405 with Allow, both problem+json")
    func notFoundAndMethodNotAllowed() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"

        let missing = try Curl.request("\(base)/v2/nothing")
        #expect(missing.status == 404)
        #expect(missing.headers["content-type"] == "application/problem+json")
        #expect(missing.json["type"] as? String == "https://segmentd.dev/problems/not-found")
        #expect(missing.json["status"] as? Int == 404)
        #expect((missing.json["detail"] as? String)?.contains("/v2/nothing") == true)

        let wrong = try Curl.request("\(base)/v1/model", method: "DELETE")
        #expect(wrong.status == 405)
        #expect(wrong.headers["allow"] == "GET, HEAD")
        #expect(wrong.headers["content-type"] == "application/problem+json")
        #expect(wrong.json["type"] as? String == "https://segmentd.dev/problems/method-not-allowed")
        #expect(wrong.json["title"] as? String == "Method not allowed")
    }

    @Test("without a model: readyz is 503 naming why, /v1/model 503 no-model, healthz still 200")
    func notReadyWithoutModel() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""], model: nil)
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"

        #expect(try Curl.request("\(base)/healthz").status == 200)
        let ready = try Curl.request("\(base)/readyz")
        #expect(ready.status == 503)
        #expect(ready.headers["content-type"] == "application/problem+json")
        #expect(ready.json["type"] as? String == "https://segmentd.dev/problems/not-ready")
        let reasons = try #require(ready.json["errors"] as? [[String: Any]])
        #expect((reasons.first?["reason"] as? String)?.contains("model") == true, "\(ready.text)")
        let model = try Curl.request("\(base)/v1/model")
        #expect(model.status == 503)
        #expect(model.json["type"] as? String == "https://segmentd.dev/problems/no-model")
    }

    @Test("after SIGHUP with a new model file, responses report the new model_version")
    func hangupSwapsModel() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"
        let before = try #require(try Curl.request("\(base)/v1/model").json["model_version"] as? String)

        let modelPath = tree.path("var/model.json")
        let staged = modelPath + ".new"
        try FileManager.default.copyItem(atPath: ModelFixture.shared.second, toPath: staged)
        #expect(rename(staged, modelPath) == 0)
        server.signal(SIGHUP)

        var after = before
        try await Poll.until("the new model is served", timeout: .seconds(20)) {
            after = try Curl.request("\(base)/v1/model").json["model_version"] as? String ?? before
            return after != before
        }
        #expect(after != before)
        #expect(try Curl.request("\(base)/v1/status").json["model_version"] as? String == after)
        #expect(server.log.contains("model loaded for HTTP: \(after)"))
    }

    @Test("a body sent with Expect: 100-continue gets 100 Continue at once, not after curl's wait for it")
    func expectContinue() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"
        for _ in 0..<3 {
            let started = ContinuousClock.now
            let reply = try Curl.request(
                "\(base)/v1/segment", method: "POST",
                headers: ["Expect: 100-continue", "Content-Type: application/json"],
                body: Data(#"{"CUST_ID":"x"}"#.utf8), maxTime: 60, options: ["--expect100-timeout", "30"])
            // The route reads the body before answering: without 100 Continue curl would hold it back for 30 s.
            #expect(reply.status == 422)
            #expect(ContinuousClock.now - started < .seconds(15))
        }
    }
}
