import Foundation
import SegmentdTestSupport
import Testing

/// Request bodies that HTTP itself cannot read: the client's fault, so 400 problem+json, never 500, and the server
/// keeps answering.
@Suite("segmentd serve: broken request bodies", .serialized)
struct BrokenBodyTests {
    @Test("a body cut off before its Content-Length or its last chunk, or a malformed chunk, is 400 invalid-body")
    func cutOffBodies() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        let port = try await server.waitForPort()
        let requests = [
            "POST /v1/segment HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"CUST_ID\": \"a\"",
            "POST /v1/segment HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"CUST_ID\": \"a\"",
            "POST /v1/segment/batch HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nCUST_ID\r\n0\r\n\r\n",
            "POST /v1/segment/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\n"
                + "Content-Length: 100\r\n\r\n{\"CUST_ID\": \"a\"}\n",
        ]
        for request in requests {
            let client = try SlowClient(port: port)
            client.send(request)
            client.halfClose()
            let answer = client.receive(limitSeconds: 20)
            #expect(answer.hasPrefix("HTTP/1.1 400 "), "\(request)\n→ \(answer)")
            #expect(answer.contains("https://segmentd.dev/problems/invalid-body"), "\(answer)")
        }
        #expect(try Curl.request("http://127.0.0.1:\(port)/healthz").status == 200)
        #expect(!server.log.contains("failed:"), "\(server.log)")
    }

    @Test("a batch body that stops half-way after its response started is cut off at idle_timeout, freeing its slot")
    func stalledBatchBodyFreesItsScoringSlot() async throws {
        let tree = try ServeTree(
            http: ["listen = \"127.0.0.1:0\"", "idle_timeout = \"1s\"", "max_concurrent_scoring = 1"])
        let data = tree.path("customers.csv")
        // Large enough for the response to start before the body is complete.
        #expect(ModelFixture.run(["generate", "--rows", "20000", "--seed", "7", data]).status == 0)
        let body = try Data(contentsOf: URL(fileURLWithPath: data))
        let server = try ServeProcess(in: tree)
        let port = try await server.waitForPort()
        let base = "http://127.0.0.1:\(port)"

        // The whole CSV, announced as far longer: the response starts with its rows, then the client goes silent.
        let client = try SlowClient(port: port)
        client.send(
            "POST /v1/segment/batch HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\n"
                + "Content-Length: 100000000\r\n\r\n" + String(decoding: body, as: UTF8.self))
        // The server closes the connection: the transfer ends without its last chunk, well before the test's limit.
        let answer = client.receive(limitSeconds: 30)
        #expect(answer.hasPrefix("HTTP/1.1 200 "), "\(answer.prefix(300))")
        #expect(!answer.hasSuffix("\r\n0\r\n\r\n"), "a cut-off transfer never looks complete")

        // Its slot is free: the one allowed scoring request is served again.
        let reply = try Curl.request(
            "\(base)/v1/segment/batch", method: "POST", headers: ["Content-Type: text/csv"], body: body)
        #expect(reply.status == 200, "\(reply.text.prefix(300))")
        #expect(try Curl.request("\(base)/healthz").status == 200)
    }
}
