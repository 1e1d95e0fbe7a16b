import Dispatch

/// Builds per-segment profiles from labelled rows.
package enum SegmentProfiler {
    /// Profiles every segment `0..<k`.
    ///
    /// One parallel pass over fixed row blocks gathers shifted sums for means and variances and, for medians, keeps
    /// only the values inside a narrow window estimated from a row sample (exact selection, no sorting; a full
    /// selection is the fallback when a window misses). Columns are then reduced in parallel. Every sum runs in a
    /// fixed order, so the result is identical from run to run whatever the thread scheduling.
    ///
    /// - Parameters:
    ///   - values: row-major values, `rowCount × columns.count`, no NaN.
    ///   - rowCount: number of rows.
    ///   - columns: column names, in the order of each row's values.
    ///   - labels: one segment label per row. Rows labelled outside `0..<k` are left out of every statistic,
    ///     including the overall means and standard deviations.
    ///   - k: number of segments; one profile is returned per segment, empty segments included.
    ///   - distinguishingCount: how many distinguishing columns each profile lists at most.
    /// - Precondition: `values.count == rowCount * columns.count` and `labels.count == rowCount`.
    package static func profiles(
        values: [Double], rowCount: Int, columns: [String], labels: [Int32], k: Int,
        distinguishingCount: Int = 3
    ) -> [SegmentProfile] {
        precondition(
            values.count == rowCount * columns.count,
            "values holds \(values.count) numbers, expected rowCount × columns = \(rowCount) × \(columns.count)")
        precondition(labels.count == rowCount, "labels holds \(labels.count) labels, expected \(rowCount)")
        let segmentCount = max(k, 0)
        let summaries = columnSummaries(
            values: values, columnCount: columns.count, labels: labels, segmentCount: segmentCount)
        let sizes = segmentSizes(labels: labels, segmentCount: segmentCount)
        let profiled = sizes.reduce(0, +)
        return sizes.indices.map { segment in
            let features = columns.indices.map { column in
                let summary = summaries[column]
                return FeatureStats(
                    name: columns[column],
                    mean: summary.segmentMeans[segment],
                    median: summary.segmentMedians[segment],
                    std: summary.segmentStds[segment],
                    standardizedDifference: summary.standardizedDifference(segment: segment))
            }
            let distinguishing =
                sizes[segment] == 0
                ? [] : mostDistinguishing(features: features, summaries: summaries, count: distinguishingCount)
            return SegmentProfile(
                id: segment, size: sizes[segment], share: profiled == 0 ? 0 : Double(sizes[segment]) / Double(profiled),
                features: features, distinguishing: distinguishing)
        }
    }

    /// Per-column statistics; `windows` overrides the sampled median windows (tests use it to force every path).
    static func columnSummaries(
        values: [Double], columnCount: Int, labels: [Int32], segmentCount: Int, windows: ProfileMedianWindows? = nil
    ) -> [ProfileColumnSummary] {
        let sizes = segmentSizes(labels: labels, segmentCount: segmentCount)
        var summaries = [ProfileColumnSummary](repeating: .empty, count: columnCount)
        values.withUnsafeBufferPointer { values in
            labels.withUnsafeBufferPointer { labels in
                let windows =
                    windows
                    ?? ProfileMedianWindows.estimate(
                        values: values, columnCount: columnCount, labels: labels, sizes: sizes)
                let sweep = ProfileSweep(
                    values: values, columnCount: columnCount, labels: labels, segmentCount: segmentCount,
                    windows: windows)
                summaries.withUnsafeMutableBufferPointer { summaries in
                    // Each column writes only its own summary; values and labels are only read.
                    nonisolated(unsafe) let summaries = summaries
                    nonisolated(unsafe) let values = values
                    nonisolated(unsafe) let labels = labels
                    DispatchQueue.concurrentPerform(iterations: columnCount) { column in
                        summaries[column] = ProfileColumnSummary(
                            column: column, sweep: sweep, sizes: sizes,
                            allValues: { segment in
                                var collected: [Double] = []
                                for row in labels.indices where labels[row] == Int32(segment) {
                                    collected.append(values[row * columnCount + column])
                                }
                                return collected
                            })
                    }
                }
            }
        }
        return summaries
    }

    private static func segmentSizes(labels: [Int32], segmentCount: Int) -> [Int] {
        var sizes = [Int](repeating: 0, count: segmentCount)
        for label in labels where label >= 0 && Int(label) < segmentCount {
            sizes[Int(label)] += 1
        }
        return sizes
    }

    private static func mostDistinguishing(
        features: [FeatureStats], summaries: [ProfileColumnSummary], count: Int
    ) -> [Distinction] {
        let ranked = features.indices.sorted { left, right in
            let leftMagnitude = abs(features[left].standardizedDifference)
            let rightMagnitude = abs(features[right].standardizedDifference)
            if leftMagnitude != rightMagnitude { return leftMagnitude > rightMagnitude }
            return features[left].name < features[right].name
        }
        return ranked.prefix(max(count, 0)).map { column in
            Distinction(
                name: features[column].name,
                standardizedDifference: features[column].standardizedDifference,
                segmentMean: features[column].mean,
                overallMean: summaries[column].overallMean)
        }
    }
}
