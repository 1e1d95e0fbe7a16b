import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MetricsTestKit
import SegmentDaemon
import ServiceLifecycle
import Testing

@testable import SegmentHTTP

@Suite("HTTP service in process")
struct HTTPServiceTests {
    private func configuration(_ change: (inout HTTPConfiguration) -> Void = { _ in }) -> HTTPConfiguration {
        var http = HTTPConfiguration()
        http.listen = ListenAddress(host: "127.0.0.1", port: 0)
        change(&http)
        return http
    }

    @Test("graceful shutdown lets a request in progress finish with its answer")
    func shutdownDrainsRequests() async throws {
        let state = SlowState(statusDelay: .seconds(2))
        let server = try InProcessServer(http: configuration(), state: state)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.group.run() }
            let port = try await server.port()
            async let reply = curlStatus("http://127.0.0.1:\(port)/v1/status")
            let deadline = ContinuousClock.now + .seconds(60)
            while state.begun.value == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(state.begun.value == 1, "the request is in progress when shutdown starts")
            await server.group.triggerGracefulShutdown()
            let (status, body) = await reply
            #expect(status == 200)
            #expect(body == #"{"slow":true}"#)
            try await group.waitForAll()
        }
    }

    @Test("a request not answered within request_timeout gets 408 problem+json; the server keeps serving")
    func requestTimeout() async throws {
        let http = configuration { $0.requestTimeout = .milliseconds(300) }
        let server = try InProcessServer(http: http, state: SlowState(statusDelay: .seconds(60)))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.group.run() }
            let port = try await server.port()
            let started = ContinuousClock.now
            let (status, body) = await curlStatus("http://127.0.0.1:\(port)/v1/status")
            #expect(status == 408)
            #expect(body.contains("https://segmentd.dev/problems/request-timeout"))
            #expect(ContinuousClock.now - started < .seconds(50), "answered long before the handler would end")
            #expect(await curlStatus("http://127.0.0.1:\(port)/healthz").status == 200)
            await server.group.triggerGracefulShutdown()
            try await group.waitForAll()
        }
    }

    @Test("a JSON body above max_body_bytes is refused with 413, by Content-Length or while read")
    func bodyLimit() async throws {
        let environment = RouteEnvironment(
            configuration: configuration { $0.maxBodyBytes = 10 }, state: SlowState(),
            executor: BlockingExecutor(threads: 1), logger: Logger(label: "test"))
        let head = HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/v1/segment")
        let small = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: "0123456789")))
        #expect(try await environment.collectBody(small).readableBytes == 10)
        let large = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: "0123456789A")))
        do {
            _ = try await environment.collectBody(large)
            Issue.record("an 11-byte body passed a 10-byte limit")
        } catch let problem as Problem {
            #expect(problem.status == .contentTooLarge)
            #expect(problem.type == "https://segmentd.dev/problems/body-too-large")
        }
        var declared = head
        declared.headerFields[.contentLength] = "1000"
        let announced = Request(head: declared, body: RequestBody(buffer: ByteBuffer()))
        await #expect(throws: Problem.self) { try await environment.collectBody(announced) }
    }

    @Test("beyond max_concurrent_scoring a request gets 503 with Retry-After, and a permit is returned after use")
    func scoringLimiter() async throws {
        let limiter = ScoringLimiter(limit: 1, retryAfterSeconds: 2)
        try await limiter.withPermit {
            #expect(limiter.current == 1)
            do {
                try await limiter.withPermit {}
                Issue.record("a second permit was given beyond the limit")
            } catch let problem as Problem {
                #expect(problem.status == .serviceUnavailable)
                #expect(problem.headers[.retryAfter] == "2")
                #expect(problem.type == "https://segmentd.dev/problems/overloaded")
            }
        }
        #expect(limiter.current == 0)
        try await limiter.withPermit {}
    }

    @Test("requests are counted by route pattern and status code, and timed by route")
    func requestMetrics() async throws {
        let metrics = TestMetrics()
        let server = try InProcessServer(http: configuration(), state: SlowState(), metrics: metrics)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.group.run() }
            let base = "http://127.0.0.1:\(try await server.port())"
            #expect(await curlStatus("\(base)/healthz").status == 200)
            #expect(await curlStatus("\(base)/healthz").status == 200)
            #expect(await curlStatus("\(base)/v1/model").status == 503)
            #expect(await curlStatus("\(base)/no/such/path").status == 404)
            await server.group.triggerGracefulShutdown()
            try await group.waitForAll()
        }
        let label = "segmentd_http_requests_total"
        #expect(metrics.counterTotal(label: label, dimensions: [("route", "/healthz"), ("code", "200")]) == 2)
        #expect(metrics.counterTotal(label: label, dimensions: [("route", "/v1/model"), ("code", "503")]) == 1)
        #expect(metrics.counterTotal(label: label, dimensions: [("route", "unmatched"), ("code", "404")]) == 1)
        let timer = try metrics.expectTimer("segmentd_http_request_duration_seconds", [("route", "/healthz")])
        #expect(timer.values.count == 2)
    }

    @Test("the token comparison accepts only the exact token")
    func constantTimeComparison() {
        let token = Array("secret".utf8)
        #expect(BearerToken.constantTimeEqual(token, token))
        for other in ["secreT", "secre", "secrets", "", "xecret"] {
            #expect(!BearerToken.constantTimeEqual(Array(other.utf8), token), "\(other)")
        }
    }
}
