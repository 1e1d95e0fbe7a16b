import CoreMetrics
import SegmentSupport
import Synchronization

/// A Prometheus histogram that also takes observations already counted into bins (``BinnedObservations``).
///
/// swift-prometheus's `Histogram` records one value per call under a lock and has no way to add counted bins, so
/// the catalog's histograms are this type instead: the scoring host hands it a whole file's confidence bins in one
/// call, which keeps the scoring loop free of per-row locks. It is also the facade's handler for single values
/// (`Recorder` with `aggregate: true`, and `Timer`, in seconds), and it is emitted in the same text exposition as the
/// registry's metrics, with the catalog's HELP and `# TYPE histogram`.
final class BinnedHistogram: RecorderHandler, TimerHandler, BinnedObservations, Sendable {
    /// Ascending upper bounds; the counts have one more entry, for values above every bound (`+Inf`).
    let bounds: [Double]
    /// The series' labels as written between braces (`a="b",c="d"`); empty without labels.
    let renderedLabels: String
    let labels: [(String, String)]
    private let state: Mutex<State>

    private struct State {
        var counts: [Int]
        var sum = 0.0
    }

    init(bounds: [Double], labels: [(String, String)]) {
        self.bounds = bounds
        self.labels = labels
        renderedLabels = labels.map { "\($0.0)=\"\(Exposition.escapeLabelValue($0.1))\"" }.joined(separator: ",")
        state = Mutex(State(counts: Array(repeating: 0, count: bounds.count + 1)))
    }

    /// The bin of one value: the first bound it does not exceed; the last (`+Inf`) above all or for NaN.
    private func bin(_ value: Double) -> Int {
        bounds.firstIndex { value <= $0 } ?? bounds.count
    }

    func record(_ value: Int64) {
        record(Double(value))
    }

    func record(_ value: Double) {
        let index = bin(value)
        state.withLock { state in
            state.counts[index] += 1
            if !value.isNaN { state.sum += value }
        }
    }

    /// A `Timer`'s value, recorded in seconds (the catalog's unit).
    func recordNanoseconds(_ duration: Int64) {
        record(Double(duration) / 1e9)
    }

    /// Adds counted bins. Bins with other bounds are moved into the first of these bounds that is not below their
    /// own upper bound, so every cumulative count stays true (a value counted under `le` is at most that bound).
    func record(bounds other: [Double], counts: [Int], sum: Double) {
        let targets: [Int] =
            other == bounds
            ? Array(counts.indices)
            : counts.indices.map { $0 < other.count ? bin(other[$0]) : bounds.count }
        state.withLock { state in
            for (index, count) in counts.enumerated() where count > 0 {
                state.counts[min(targets[index], bounds.count)] += count
            }
            if !sum.isNaN { state.sum += sum }
        }
    }

    /// Cumulative counts per bound and `+Inf`, and the sum: what a scrape shows.
    var snapshot: (cumulative: [Int], sum: Double) {
        let current = state.withLock { $0 }
        var running = 0
        let cumulative = current.counts.map { count in
            running += count
            return running
        }
        return (cumulative, current.sum)
    }

    /// Appends the series' `_bucket`, `_sum` and `_count` lines.
    func emit(name: String, into buffer: inout [UInt8]) {
        let (cumulative, sum) = snapshot
        let prefix = renderedLabels.isEmpty ? "" : renderedLabels + ","
        var text = ""
        for (index, count) in cumulative.enumerated() {
            let bound = index < bounds.count ? Exposition.number(bounds[index]) : "+Inf"
            text += "\(name)_bucket{\(prefix)le=\"\(bound)\"} \(count)\n"
        }
        let braces = renderedLabels.isEmpty ? "" : "{\(renderedLabels)}"
        text += "\(name)_sum\(braces) \(Exposition.number(sum))\n"
        text += "\(name)_count\(braces) \(cumulative.last ?? 0)\n"
        buffer.append(contentsOf: text.utf8)
    }
}

/// The catalog's histograms by name and label set, emitted after the registry's metrics.
final class BinnedHistograms: Sendable {
    private struct Family {
        var help: String
        var bounds: [Double]
        /// Series in the order they were made, keyed by their rendered labels.
        var series: [(key: String, histogram: BinnedHistogram)] = []
    }

    private let families = Mutex<[String: Family]>([:])

    /// The series of `name` with `labels`, made on first use with the family's bounds (the first caller's).
    func histogram(name: String, help: String, bounds: [Double], labels: [(String, String)]) -> BinnedHistogram {
        families.withLock { families in
            var family = families[name] ?? Family(help: help, bounds: bounds)
            let made = BinnedHistogram(bounds: family.bounds, labels: labels)
            if let existing = family.series.first(where: { $0.key == made.renderedLabels }) {
                return existing.histogram
            }
            family.series.append((made.renderedLabels, made))
            families[name] = family
            return made
        }
    }

    /// Makes `name` appear with its HELP and TYPE lines even before any series exists.
    func declare(name: String, help: String, bounds: [Double]) {
        families.withLock { families in
            if families[name] == nil { families[name] = Family(help: help, bounds: bounds) }
        }
    }

    /// Stops emitting `histogram`.
    func remove(_ histogram: BinnedHistogram) {
        families.withLock { families in
            for name in families.keys {
                families[name]?.series.removeAll { $0.histogram === histogram }
            }
        }
    }

    /// Appends every family: HELP, TYPE and each series' lines; families sorted by name.
    func emit(into buffer: inout [UInt8]) {
        let current = families.withLock { $0 }
        for name in current.keys.sorted() {
            guard let family = current[name] else { continue }
            buffer.append(contentsOf: "# HELP \(name) \(Exposition.escapeHelp(family.help))\n".utf8)
            buffer.append(contentsOf: "# TYPE \(name) histogram\n".utf8)
            for series in family.series { series.histogram.emit(name: name, into: &buffer) }
        }
    }
}

/// Text exposition format details (https://prometheus.io/docs/instrumenting/exposition_formats/).
enum Exposition {
    static func escapeLabelValue(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func escapeHelp(_ help: String) -> String {
        var escaped = ""
        for character in help {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A sample value or bound as Prometheus parses it (Go's float syntax: `1.5`, `1e-05`, `+Inf`, `NaN`).
    static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return value.description
    }
}
