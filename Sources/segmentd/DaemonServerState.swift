import Foundation
import ScoringHost
import SegmentDaemon
import SegmentHTTP
import SegmentMetrics

/// `segmentd run`'s ``ServerState``: the HTTP server reads the running daemon through its ``DaemonHandle``. Requests
/// score with the host of the processor new files start with, so a reload (`SIGHUP`, a new model) reaches files and
/// requests in the same step, and a request keeps the host it started with.
struct DaemonServerState: ServerState {
    let handle: DaemonHandle
    /// The retrain checks whose last evaluation `/v1/status` shows as `retrain`; nil: always null.
    var monitor: RetrainMonitor?

    func currentHost() -> ScoringHost? {
        (handle.currentProcessor() as? HostFileProcessor)?.host
    }

    func statusDocument() async -> [UInt8] {
        var status = await handle.status()
        status.retrain = monitor?.last.map { RetrainRecord($0.advice, at: $0.at) }
        return (try? Self.encoder.encode(status)).map(Array.init) ?? Array("{}".utf8)
    }

    func reportHistory(for host: ScoringHost) async throws -> ReportHistory? {
        guard let monitor, let processor = handle.currentProcessor() as? HostFileProcessor,
            let model = host.model
        else { return nil }
        return try monitor.reportHistory(model: model, thresholds: processor.thresholds)
    }

    func readinessProblems() async -> [String] {
        await handle.readinessProblems()
    }

    /// The gauges that describe state are set from the daemon's status now, then the whole exposition is rendered.
    func metricsExposition() async -> [UInt8] {
        let status = await handle.status()
        SegmentMetrics.updateState(
            inboxPending: status.inboxPending, filesInProgress: status.inFlight, paused: status.paused,
            modelVersion: status.modelVersion, modelAgeSeconds: status.modelAgeSeconds.map(Double.init))
        return SegmentMetrics.render()
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
