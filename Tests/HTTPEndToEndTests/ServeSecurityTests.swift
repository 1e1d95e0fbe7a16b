import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// Auth off loopback, start-up failures and the server's limits.
@Suite("segmentd serve: security and limits", .serialized)
struct ServeSecurityTests {
    @Test("bound to 0.0.0.0 with a token: 401 without it, 200 with it, probes open")
    func bearerTokenOffLoopback() async throws {
        let tree = try ServeTree(http: ["listen = \"0.0.0.0:0\"", "auth_token_file = \"etc/token\""])
        try "s3cret-token\n".write(toFile: tree.path("etc/token"), atomically: true, encoding: .utf8)
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"

        for path in ["/v1/model", "/v1/status", "/v1/report"] {
            let denied = try Curl.request("\(base)\(path)")
            #expect(denied.status == 401, "\(path)")
            #expect(denied.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(denied.json["type"] as? String == "https://segmentd.dev/problems/unauthorized")
            let wrong = try Curl.request("\(base)\(path)", headers: ["Authorization: Bearer s3cret-tokem"])
            #expect(wrong.status == 401, "\(path)")
            let allowed = try Curl.request("\(base)\(path)", headers: ["Authorization: Bearer s3cret-token"])
            #expect(allowed.status == 200, "\(path): \(allowed.text)")
        }
        for probe in ["/healthz", "/readyz", "/metrics"] {
            #expect(try Curl.request("\(base)\(probe)").status == 200, "\(probe)")
        }
    }

    @Test("open_probes = false puts the probes behind the token too")
    func closedProbes() async throws {
        let tree = try ServeTree(
            http: ["listen = \"127.0.0.1:0\"", "auth_token_file = \"etc/token\"", "open_probes = false"])
        try "abc".write(toFile: tree.path("etc/token"), atomically: true, encoding: .utf8)
        let server = try ServeProcess(in: tree)
        let base = "http://127.0.0.1:\(try await server.waitForPort())"
        #expect(try Curl.request("\(base)/healthz").status == 401)
        #expect(try Curl.request("\(base)/healthz", headers: ["Authorization: Bearer abc"]).status == 200)
        #expect(try Curl.request("\(base)/openapi.json").status == 200)
    }

    @Test("0.0.0.0 without auth_token_file exits 78 naming the key")
    func missingTokenOffLoopback() throws {
        let tree = try ServeTree(http: ["listen = \"0.0.0.0:0\""])
        let result = ModelFixture.run(["serve", "--config", "etc/segmentd.toml"], in: tree.url)
        #expect(result.status == 78, "\(result.output)")
        #expect(result.output.contains("auth_token_file"), "\(result.output)")
        #expect(result.output.contains("segmentd.toml:3"), "\(result.output)")
    }

    @Test("an auth_token_file that does not exist exits 78")
    func unreadableTokenFile() throws {
        let tree = try ServeTree(http: ["listen = \"0.0.0.0:0\"", "auth_token_file = \"etc/absent\""])
        let result = ModelFixture.run(["serve", "--config", "etc/segmentd.toml"], in: tree.url)
        #expect(result.status == 78, "\(result.output)")
        #expect(result.output.contains("etc/absent"), "\(result.output)")
    }

    @Test("a port in use exits 69 naming the address")
    func portInUse() async throws {
        let first = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: first)
        let port = try await server.waitForPort()
        let second = try ServeTree(http: ["listen = \"127.0.0.1:\(port)\""])
        let result = ModelFixture.run(["serve", "--config", "etc/segmentd.toml"], in: second.url)
        #expect(result.status == 69, "\(result.output)")
        #expect(result.output.contains("127.0.0.1:\(port)"), "\(result.output)")
    }

    @Test("a client that stops half-way through its request head is cut off at idle_timeout; others are served")
    func slowClientTimesOut() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\"", "idle_timeout = \"1s\""])
        let server = try ServeProcess(in: tree)
        let port = try await server.waitForPort()

        let socket = try SlowClient(port: port)
        socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
        for _ in 0..<5 {
            #expect(try Curl.request("http://127.0.0.1:\(port)/healthz").status == 200)
        }
        // The server closes the slow connection: a read returns end of file well before the test's limit.
        let closedAfter = socket.waitForClose(limitSeconds: 15)
        let closed = try #require(closedAfter, "the slow connection stayed open")
        #expect(closed >= .milliseconds(500))
    }

    @Test("SIGTERM ends serve with status 0")
    func terminateExitsCleanly() async throws {
        let tree = try ServeTree(http: ["listen = \"127.0.0.1:0\""])
        let server = try ServeProcess(in: tree)
        _ = try await server.waitForPort()
        server.signal(SIGTERM)
        #expect(try await server.waitForExit() == 0, "\(server.log)")
    }
}

/// A raw TCP connection that writes part of a request and waits for the server to close it.
final class SlowClient {
    private let descriptor: Int32
    private let opened = ContinuousClock.now

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else { throw CurlError(message: "connect failed: errno \(errno)") }
    }

    func send(_ text: String) {
        _ = text.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Ends the request: the server reads end of file after what was sent.
    func halfClose() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Everything the server sends until it closes the connection or `limitSeconds` pass without a byte.
    func receive(limitSeconds: Int) -> String {
        var timeout = timeval(tv_sec: limitSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// How long after connecting the server closed the connection; nil when still open after `limitSeconds`.
    func waitForClose(limitSeconds: Int) -> Duration? {
        var timeout = timeval(tv_sec: limitSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { return ContinuousClock.now - opened }
            if count < 0 { return nil }
        }
    }

    deinit { close(descriptor) }
}
