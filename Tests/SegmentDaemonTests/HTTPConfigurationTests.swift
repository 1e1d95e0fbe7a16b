import Testing
@testable import SegmentDaemon

@Suite("[http] configuration")
struct HTTPConfigurationTests {
    private func decode(_ text: String) throws(ConfigurationError) -> HTTPConfiguration {
        try DaemonConfiguration(tomlText: text, source: "test.toml").http
    }

    private func problem(_ text: String) -> String {
        do {
            _ = try decode(text)
            return ""
        } catch {
            return error.message
        }
    }

    @Test("no [http] table gives the defaults: on, loopback 9464, open probes, 64 MiB, 60 s / 300 s")
    func defaults() throws {
        let http = try decode("")
        #expect(http == HTTPConfiguration())
        #expect(http.enabled)
        #expect(http.listen == ListenAddress(host: "127.0.0.1", port: 9464))
        #expect(http.authTokenFile == nil)
        #expect(http.openProbes)
        #expect(http.maxBodyBytes == 64 << 20)
        #expect(http.maxBatchRows == 10_000_000)
        #expect(http.maxStreamBytes == 2 << 30)
        #expect(http.idleTimeout == .seconds(60))
        #expect(http.requestTimeout == .seconds(300))
        #expect(http.maxConcurrentScoring == 2 * DaemonConfiguration.processorCount)
        #expect(http.plugins.isEmpty)
    }

    @Test("every key is read: durations with units, IPv6 in brackets, the token file")
    func everyKey() throws {
        let http = try decode(
            """
            [http]
            enabled = false
            listen = "[::]:8080"
            auth_token_file = "etc/token"
            open_probes = false
            max_body_bytes = 1000
            max_batch_rows = 20
            max_stream_bytes = 3000
            idle_timeout = "1500ms"
            request_timeout = "2m"
            max_concurrent_scoring = 3
            plugins = ["exec"]
            """)
        #expect(!http.enabled)
        #expect(http.listen == ListenAddress(host: "::", port: 8080))
        #expect(http.authTokenFile == "etc/token")
        #expect(!http.openProbes)
        #expect(http.maxBodyBytes == 1000 && http.maxBatchRows == 20 && http.maxStreamBytes == 3000)
        #expect(http.idleTimeout == .milliseconds(1500))
        #expect(http.requestTimeout == .seconds(120))
        #expect(http.maxConcurrentScoring == 3)
        #expect(http.plugins == ["exec"])
    }

    @Test("an unknown key in [http] is rejected with its line and a suggestion")
    func unknownKey() {
        let message = problem("workers = 2\n[http]\nlisten = \"127.0.0.1:1\"\nopen_probe = true\n")
        #expect(message.contains("test.toml:4"), "\(message)")
        #expect(message.contains("http.open_probe"), "\(message)")
        #expect(message.contains("did you mean \"open_probes\""), "\(message)")
    }

    @Test("a listen value that is not an IP address and port is rejected naming the key")
    func badListen() {
        for bad in ["localhost:9464", "127.0.0.1", "127.0.0.1:70000", "[::1:9464", "1.2.3:80"] {
            let message = problem("[http]\nlisten = \"\(bad)\"\n")
            #expect(message.contains("test.toml:2"), "\(bad): \(message)")
            #expect(message.contains("http.listen"), "\(bad): \(message)")
        }
    }

    @Test("off loopback (0.0.0.0, ::, a LAN address) without auth_token_file is a configuration error")
    func tokenRequiredOffLoopback() throws {
        for address in ["0.0.0.0:9464", "[::]:9464", "192.168.1.5:80"] {
            let message = problem("[http]\nlisten = \"\(address)\"\n")
            #expect(message.contains("auth_token_file"), "\(address): \(message)")
        }
        for address in ["127.0.0.1:9464", "127.8.9.10:1", "[::1]:9464"] {
            #expect(throws: Never.self) { try decode("[http]\nlisten = \"\(address)\"\n") }
        }
        #expect(throws: Never.self) { try decode("[http]\nlisten = \"0.0.0.0:1\"\nauth_token_file = \"t\"\n") }
        #expect(throws: Never.self) { try decode("[http]\nlisten = \"0.0.0.0:1\"\nenabled = false\n") }
    }

    @Test("loopback is 127.0.0.0/8 and ::1 only")
    func loopback() {
        #expect(ListenAddress(host: "127.0.0.1", port: 1).isLoopback)
        #expect(ListenAddress(host: "127.255.0.1", port: 1).isLoopback)
        #expect(ListenAddress(host: "::1", port: 1).isLoopback)
        #expect(!ListenAddress(host: "0.0.0.0", port: 1).isLoopback)
        #expect(!ListenAddress(host: "::", port: 1).isLoopback)
        #expect(!ListenAddress(host: "128.0.0.1", port: 1).isLoopback)
        #expect(!ListenAddress(host: "::2", port: 1).isLoopback)
    }

    @Test("bad durations are rejected")
    func badDurations() {
        for bad in ["\"soon\"", "\"0s\"", "\"2d\"", "true"] {
            #expect(problem("[http]\nidle_timeout = \(bad)\n").contains("http.idle_timeout"), "\(bad)")
        }
    }
}
