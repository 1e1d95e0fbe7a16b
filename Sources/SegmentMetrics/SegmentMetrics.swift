import CoreMetrics
import Prometheus
import Synchronization

/// segmentd's metrics: one registry per process behind the swift-metrics facade, rendered as the Prometheus text
/// exposition for `GET /metrics`.
///
/// - `bootstrap()` once at start (`segmentd run`, `segmentd serve`): code everywhere then records through the facade
///   (`Counter(label: "segmentd_files_total", …)`), by the names of ``MetricCatalog``.
/// - At each scrape: ``updateState(inboxPending:filesInProgress:paused:modelVersion:modelAgeSeconds:)`` with the
///   daemon's status (the gauges that describe state are set from it, not kept up to date by the daemon), then
///   ``render()`` for the response body (`text/plain; version=0.0.4`).
package enum SegmentMetrics {
    private static let shared = Mutex<SegmentMetricsRegistry?>(nil)

    /// Makes the process's registry and bootstraps the swift-metrics facade with its factory; later calls return the
    /// same registry (the facade can be bootstrapped only once per process).
    @discardableResult
    package static func bootstrap() -> SegmentMetricsRegistry {
        shared.withLock { shared in
            if let shared { return shared }
            let registry = SegmentMetricsRegistry()
            MetricsSystem.bootstrap(registry.factory)
            shared = registry
            return registry
        }
    }

    /// The bootstrapped registry; nil before ``bootstrap()``.
    package static var registry: SegmentMetricsRegistry? { shared.withLock { $0 } }

    /// The text exposition of the bootstrapped registry (empty before ``bootstrap()``).
    package static func render() -> [UInt8] {
        registry?.render() ?? []
    }

    /// Sets the state gauges of the bootstrapped registry; does nothing before ``bootstrap()``.
    package static func updateState(
        inboxPending: Int, filesInProgress: Int, paused: Bool, modelVersion: String?, modelAgeSeconds: Double?
    ) {
        registry?.updateState(
            inboxPending: inboxPending, filesInProgress: filesInProgress, paused: paused, modelVersion: modelVersion,
            modelAgeSeconds: modelAgeSeconds)
    }
}

/// One set of segmentd metrics: the Prometheus registry, the catalog's histograms and the factory over both.
/// Tests make their own and record through `factory` (swift-metrics' `Counter(label:dimensions:factory:)`), so they
/// see only their own counts.
package final class SegmentMetricsRegistry: Sendable {
    let prometheus = PrometheusCollectorRegistry()
    let histograms = BinnedHistograms()
    /// The factory to bootstrap the facade with, or to record into this registry directly.
    package let factory: SegmentMetricsFactory
    private let modelInfo = Mutex<(version: String, gauge: Prometheus.Gauge)?>(nil)
    private let modelAge = Mutex<Prometheus.Gauge?>(nil)

    /// A registry in which every catalog metric without labels, and the outcomes and results of the labelled file and
    /// row counters, already show (at 0), so a dashboard sees them before the first file.
    package init() {
        factory = SegmentMetricsFactory(registry: prometheus, histograms: histograms)
        for definition in MetricCatalog.all {
            switch (definition.kind, definition.labels) {
            case (.histogram, let labels):
                histograms.declare(name: definition.name, help: definition.help, bounds: definition.buckets)
                if labels.isEmpty { _ = factory.histogram(definition.name, []) }
            case (.counter, []):
                _ = factory.makeCounter(label: definition.name, dimensions: [])
            case (.gauge, []) where Self.stateGauges.contains(definition.name):
                _ = factory.makeRecorder(label: definition.name, dimensions: [], aggregate: false)
            default:
                break
            }
        }
        for outcome in ["scored", "duplicate", "completed", "failed", "deferred", "skipped"] {
            _ = factory.makeCounter(label: "segmentd_files_total", dimensions: [("outcome", outcome)])
        }
        for result in ["scored", "rejected"] {
            _ = factory.makeCounter(label: "segmentd_rows_total", dimensions: [("result", result)])
        }
    }

    /// The state gauges shown at 0 from the start (the model's appear once a model is known).
    static let stateGauges: Set<String> = ["segmentd_inbox_pending", "segmentd_files_in_progress", "segmentd_paused"]

    /// The Prometheus text exposition (version 0.0.4) of every metric.
    package func render() -> [UInt8] {
        var buffer = prometheus.emitToBuffer()
        histograms.emit(into: &buffer)
        return buffer
    }

    /// Sets the gauges that describe the daemon's state at the scrape. `segmentd_model_info{version}` shows 1 for
    /// the current version only (the previous version's series is removed when it changes); nil `modelVersion` or
    /// `modelAgeSeconds` (no model loaded, `serve` before a model, a model without `created_at`) removes the series.
    package func updateState(
        inboxPending: Int, filesInProgress: Int, paused: Bool, modelVersion: String?, modelAgeSeconds: Double?
    ) {
        gauge("segmentd_inbox_pending").set(to: Double(inboxPending))
        gauge("segmentd_files_in_progress").set(to: Double(filesInProgress))
        gauge("segmentd_paused").set(to: paused ? 1 : 0)
        modelInfo.withLock { current in
            guard current?.version != modelVersion else { return }
            if let current { prometheus.unregisterGauge(current.gauge) }
            current = nil
            guard let modelVersion else { return }
            let gauge = prometheus.makeGauge(
                descriptor: descriptor("segmentd_model_info"), labels: [("version", modelVersion)])
            gauge.set(to: 1)
            current = (modelVersion, gauge)
        }
        modelAge.withLock { current in
            guard let modelAgeSeconds else {
                if let current { prometheus.unregisterGauge(current) }
                current = nil
                return
            }
            let gauge = current ?? prometheus.makeGauge(descriptor: descriptor("segmentd_model_age_seconds"))
            gauge.set(to: modelAgeSeconds)
            current = gauge
        }
    }

    private func gauge(_ name: String) -> Prometheus.Gauge {
        prometheus.makeGauge(descriptor: descriptor(name))
    }

    private func descriptor(_ name: String) -> MetricNameDescriptor {
        MetricNameDescriptor(
            metricName: name, unitName: "",
            helpText: MetricCatalog.definition(name)?.help ?? MetricCatalog.fallbackHelp(name))
    }
}
