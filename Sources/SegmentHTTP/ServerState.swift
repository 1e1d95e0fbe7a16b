package import ScoringHost

/// What the server reads from whoever runs it: `segmentd run` (the daemon) or `segmentd serve` (no inbox).
package protocol ServerState: Sendable {
    /// The host new requests score with; nil while no model is loaded. A request keeps the host it started with.
    func currentHost() -> ScoringHost?
    /// The `/v1/status` document (JSON object bytes).
    func statusDocument() async -> [UInt8]
    /// Why the service is not ready (empty = ready): `/readyz`.
    func readinessProblems() async -> [String]
    /// The Prometheus text exposition for `/metrics`.
    func metricsExposition() async -> [UInt8]
    /// The per-day history and retrain rules of `host`'s model for `/v1/report?history=1`; nil when this server
    /// keeps none (`segmentd serve` counts no files). Throws when the history cannot be read.
    func reportHistory(for host: ScoringHost) async throws -> ReportHistory?
}
