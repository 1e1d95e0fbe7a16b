package import CoreMetrics
import Prometheus

/// The swift-metrics factory segmentd bootstraps: counters and gauges live in a `PrometheusCollectorRegistry`,
/// registered with the catalog's HELP text (swift-prometheus's own `PrometheusMetricsFactory` registers them without
/// HELP, which Debian's `promtool check metrics` rejects); histograms are ``BinnedHistogram``s with the catalog's
/// buckets. A name outside the catalog (a library's) still gets a HELP line and default buckets.
///
/// A histogram name must be recorded either through `Recorder` (seconds or any value) or `Timer`, both land in the
/// same ``BinnedHistogram``; a name recorded as two different kinds (a counter and a gauge) is a programming error
/// swift-prometheus stops the process for.
package struct SegmentMetricsFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry
    let histograms: BinnedHistograms

    /// Bounds of a histogram that is not in the catalog (seconds, like the catalog's request bounds).
    static let defaultBounds = MetricCatalog.requestSeconds

    private func descriptor(_ label: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: label, unitName: "", helpText: help(label))
    }

    private func help(_ label: String) -> String {
        MetricCatalog.definition(label)?.help ?? MetricCatalog.fallbackHelp(label)
    }

    func histogram(_ label: String, _ dimensions: [(String, String)]) -> BinnedHistogram {
        let bounds = MetricCatalog.definition(label).map(\.buckets).flatMap { $0.isEmpty ? nil : $0 }
        return histograms.histogram(
            name: label, help: help(label), bounds: bounds ?? Self.defaultBounds, labels: dimensions)
    }

    package func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    package func makeFloatingPointCounter(
        label: String, dimensions: [(String, String)]
    ) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    package func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        return histogram(label, dimensions)
    }

    package func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    package func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        histogram(label, dimensions)
    }

    package func destroyCounter(_ handler: any CounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    package func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {
        if let counter = handler as? Prometheus.Counter { registry.unregisterCounter(counter) }
    }

    package func destroyRecorder(_ handler: any RecorderHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
        if let histogram = handler as? BinnedHistogram { histograms.remove(histogram) }
    }

    package func destroyMeter(_ handler: any MeterHandler) {
        if let gauge = handler as? Prometheus.Gauge { registry.unregisterGauge(gauge) }
    }

    package func destroyTimer(_ handler: any TimerHandler) {
        if let histogram = handler as? BinnedHistogram { histograms.remove(histogram) }
    }
}
