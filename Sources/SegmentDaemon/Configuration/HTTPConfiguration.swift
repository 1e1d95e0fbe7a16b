import SegmentSupport

/// The `[http]` table of the configuration: the HTTP server of `segmentd run` and `segmentd serve`, with every
/// default in this one place. `etc/segmentd.toml` documents each key; `docs/http.md` the server.
///
/// Every key takes effect on restart only: the server binds its address and reads its token once.
package struct HTTPConfiguration: Sendable, Equatable {
    /// Whether `segmentd run` starts the server (`enabled`); `serve` always does.
    package var enabled = true
    /// The address the server listens on (`listen`).
    package var listen = ListenAddress(host: "127.0.0.1", port: 9464)
    /// A file holding the bearer token (`auth_token_file`); required when ``listen`` is not loopback. Made absolute
    /// against the base directory like the other paths.
    package var authTokenFile: String?
    /// Whether `/healthz`, `/readyz` and `/metrics` answer without the token (`open_probes`).
    package var openProbes = true
    /// The largest JSON document body accepted, in bytes (`max_body_bytes`); larger ones get 413.
    package var maxBodyBytes = 64 << 20
    /// The most rows one streamed batch (NDJSON, CSV) may carry (`max_batch_rows`).
    package var maxBatchRows = 10_000_000
    /// The largest streamed batch body, in bytes (`max_stream_bytes`).
    package var maxStreamBytes: Int64 = 2 << 30
    /// How long a connection may stay without a request in progress before it is closed (`idle_timeout`).
    package var idleTimeout: Duration = .seconds(60)
    /// How long one request may take, reading its body included, before it is answered 408 (`request_timeout`).
    package var requestTimeout: Duration = .seconds(300)
    /// How many scoring requests may run at once (`max_concurrent_scoring`); more get 503 with `Retry-After`.
    package var maxConcurrentScoring = 2 * DaemonConfiguration.processorCount
    /// Plugins that may run over HTTP besides the stateless ones (`plugins`): exec runs only when listed here.
    package var plugins: [String] = []

    /// The built-in defaults.
    package init() {}

    /// The effective values as one TOML inline table, in the documented order: the canonical text of `http`.
    package var canonicalText: String {
        let plugins = plugins.map { "\"\($0)\"" }.joined(separator: ", ")
        let token = authTokenFile.map { "\"\($0)\"" } ?? "\"\""
        return "{ enabled = \(enabled), listen = \"\(listen)\", auth_token_file = \(token), "
            + "open_probes = \(openProbes), max_body_bytes = \(maxBodyBytes), max_batch_rows = \(maxBatchRows), "
            + "max_stream_bytes = \(maxStreamBytes), idle_timeout = \"\(Self.render(idleTimeout))\", "
            + "request_timeout = \"\(Self.render(requestTimeout))\", "
            + "max_concurrent_scoring = \(maxConcurrentScoring), plugins = [\(plugins)] }"
    }

    /// A duration as written in the file: whole seconds as `60s`, else milliseconds as `1500ms`.
    static func render(_ duration: Duration) -> String {
        let milliseconds = duration.inWholeMilliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}
