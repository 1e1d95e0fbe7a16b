package import SegmentCore
import Foundation

/// A model described in words and tables, for `segmentd train` and `segmentd inspect`.
package enum ModelReport {
    package static func text(_ model: SegmentModel) -> String {
        var out = ""
        let data = model.trainingData
        out += "model \(model.modelVersion) (format \(model.formatVersion)), trained \(model.createdAt)\n"
        out += "data: \(data.source), \(data.rows) rows, \(data.rejected) rejected, "
        out += "sha256 \(data.sha256.prefix(16))…\n"
        out +=
            "features: \(model.scaler.features.count) scaled numeric + "
            + "\(model.pca.features.count - model.scaler.features.count) one-hot\n"
        let ratios = model.pca.explainedVarianceRatio
        let cumulative = ratios.reduce(0, +)
        out += "PCA (\(model.pca.selection)): \(ratios.count) components, explained variance "
        out += ratios.map { format($0, 4) }.joined(separator: " ") + " (cumulative \(format(cumulative, 4)))\n"
        out += "k-means: k = \(model.kmeans.k) (\(model.selectionRule.mode): \(model.selectionRule.reason)), "
        out += "inertia \(format(model.kmeans.inertia, 2)), silhouette \(format(model.kmeans.silhouette, 4)) "
        out += "on \(model.kmeans.silhouetteRows) rows\n"
        if let drift = model.drift {
            let bins = drift.features.map { $0.edges.count + 1 }
            out +=
                "drift reference: \(drift.features.count) features, \(bins.min() ?? 0)–\(bins.max() ?? 0) bins each, "
            out += "training mean confidence \(format(drift.confidence.mean, 4))\n"
        } else {
            out += "drift reference: none (format \(model.formatVersion)): drift statistics are off until retrained\n"
        }
        if model.selection.count > 1 {
            out +=
                "\n"
                + TextTable(
                    headers: ["k", "inertia", "silhouette", ""],
                    rows: model.selection.map { row in
                        [
                            String(row.k), format(row.inertia, 2), format(row.silhouette, 4),
                            row.k == model.kmeans.k ? "<- chosen" : "",
                        ]
                    }
                ).rendered
        }
        out +=
            "\n"
            + TextTable(
                headers: ["id", "segment", "size", "share", "priority", "stands out by"],
                rows: model.segments.map { segment in
                    [
                        String(segment.id), segment.name, String(segment.size), format(segment.share * 100, 1) + "%",
                        segment.retentionPriority,
                        segment.profile.distinguishing.map { distinction in
                            let z = distinction.standardizedDifference
                            return "\(distinction.name) \(z >= 0 ? "+" : "")\(format(z, 2))"
                        }
                        .joined(separator: ", "),
                    ]
                }
            ).rendered
        out += "\nmean per segment\n" + profileTable(model).rendered
        return out
    }

    /// The elbow (inertia and silhouette by k) and the segment sizes as Unicode bar charts, for a terminal.
    package static func charts(_ model: SegmentModel) -> String {
        var out = ""
        if model.selection.count > 1 {
            out += sweepChart(model, title: "elbow: inertia by k (lower is tighter)", value: \.inertia, decimals: 0)
            out += sweepChart(
                model, title: "silhouette by k (higher separates better)", value: \.silhouette, decimals: 4)
        } else {
            out += "\nelbow: k was fixed at \(model.kmeans.k), no sweep over k to chart\n"
        }
        out +=
            "\n"
            + TerminalBarChart(
                title: "segment sizes (customers in the training data)",
                bars: model.segments.map { segment in
                    .init(
                        label: "\(segment.id) \(segment.name)", value: Double(segment.size),
                        valueText: "\(segment.size) (\(format(segment.share * 100, 1))%)")
                }
            ).rendered
        return out
    }

    /// One value of the k table per k as a bar chart, the chosen k marked.
    private static func sweepChart(
        _ model: SegmentModel, title: String, value: KeyPath<SegmentModel.SelectionRow, Double>, decimals: Int
    ) -> String {
        "\n"
            + TerminalBarChart(
                title: title,
                bars: model.selection.map { row in
                    .init(
                        label: "k=\(row.k)", value: row[keyPath: value],
                        valueText: format(row[keyPath: value], decimals),
                        note: row.k == model.kmeans.k ? "<- chosen" : "")
                }
            ).rendered
    }

    private static func profileTable(_ model: SegmentModel) -> TextTable {
        let columns = model.segments.first?.profile.features.map(\.name) ?? []
        let rows = columns.enumerated().map { index, column in
            [column]
                + model.segments.map { segment in
                    index < segment.profile.features.count ? format(segment.profile.features[index].mean, 2) : ""
                }
        }
        return TextTable(headers: ["feature"] + model.segments.map { "\($0.id) \($0.name)" }, rows: rows)
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
