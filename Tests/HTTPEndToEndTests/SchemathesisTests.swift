import Foundation
import SegmentdTestSupport
import Testing

/// schemathesis against the real `segmentd serve`: every operation of the served /openapi.json, the scoring
/// endpoints included, with generated valid and invalid requests. No answer may be a 5xx, and every answer must
/// match the document: its status, its content type, its headers and its body's schema.
@Suite("segmentd serve: schemathesis", .serialized)
struct SchemathesisTests {
    @Test("schemathesis finds no server error and no answer that disagrees with the OpenAPI document")
    func conformance() async throws {
        let schemathesis = try #require(Schemathesis.path, "schemathesis missing: run bash scripts/test-tools.sh")
        let tree = try ServeTree(http: [])
        // The stateless plugins add their columns to every result: the document must allow them.
        try "model = \"var/model.json\"\nplugins_dir = \"plugins.d\"\n[http]\nlisten = \"127.0.0.1:0\"\n".write(
            toFile: tree.path("etc/segmentd.toml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: tree.path("plugins.d"), withIntermediateDirectories: true)
        for plugin in ["campaign", "pricing"] {
            try "enabled = true\n".write(
                toFile: tree.path("plugins.d/\(plugin).toml"), atomically: true, encoding: .utf8)
        }
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"

        let checks = [
            "not_a_server_error", "response_schema_conformance", "status_code_conformance",
            "content_type_conformance", "response_headers_conformance",
        ]
        // Bounded and reproducible: a fixed seed, deterministic generation (no example database kept between runs),
        // one worker. With two (two threads of one Python process) a loaded CI run once stopped in the coverage
        // phase with Hypothesis' own "Inconsistent results" while it generated a case, before any request was sent.
        let (status, output) = try Schemathesis.run(
            schemathesis,
            [
                "\(base)/openapi.json", "--url", base, "--checks", checks.joined(separator: ","),
                "--phases", "examples,coverage,fuzzing", "--max-examples", "200", "--seed", "20261205",
                "--generation-deterministic", "--workers", "1",
                "--request-timeout", "20", "--no-color",
            ], in: tree.url)
        #expect(status == 0, "schemathesis exited \(status):\n\(output)\nserver log:\n\(server.log)")
        #expect(output.contains("Examples") && output.contains("Fuzzing"), "\(output)")
        #expect(try Curl.request("\(base)/healthz").status == 200, "the server answers after the run")
    }
}
