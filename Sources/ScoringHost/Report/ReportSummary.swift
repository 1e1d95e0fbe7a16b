import Foundation
import SegmentCore

/// The report's text sections: the model summary (what it was trained on, its pipeline, how k was chosen) and one
/// card per segment (what the business does with it and what sets it apart).
enum ReportSummary {
    static func html(_ model: SegmentModel) -> String {
        let data = model.trainingData
        let oneHot = model.pca.features.count - model.scaler.features.count
        let variance = model.pca.explainedVarianceRatio.reduce(0, +)
        var rows: [(String, String)] = [
            ("Version", model.modelVersion + " (format \(model.formatVersion))"),
            ("Label", model.label ?? "none"),
            ("Lineage", model.parent.map { "retrained from \($0)" } ?? "no parent (first of its line)"),
            ("Created", model.createdAt),
            (
                "Training data",
                "\(data.source): \(data.rows) rows, \(data.rejected) rejected, sha256 "
                    + String(data.sha256.prefix(16))
            ),
            ("Pipeline columns", "id \(model.pipeline.idColumn); " + model.pipeline.columns.joined(separator: ", ")),
            (
                "Derived features",
                model.pipeline.derived.isEmpty
                    ? "none"
                    : model.pipeline.derived.map { "\($0.name) = \($0.expr)" }.joined(separator: "; ")
            ),
            ("Features", "\(model.scaler.features.count) scaled numeric + \(oneHot) one-hot"),
            (
                "PCA",
                "\(model.pca.explainedVarianceRatio.count) components (\(model.pca.selection)), "
                    + "\(HTMLText.number(variance * 100, 1))% of the variance"
            ),
            ("k", "\(model.kmeans.k) (\(model.selectionRule.mode)): \(model.selectionRule.reason)"),
            (
                "Quality",
                "inertia \(HTMLText.number(model.kmeans.inertia, 2)), silhouette "
                    + "\(HTMLText.number(model.kmeans.silhouette, 4)) on \(model.kmeans.silhouetteRows) rows"
            ),
        ]
        if model.selection.count > 1 {
            rows.append(("k table", kTable(model)))
        }
        return "<dl class=\"summary\">"
            + rows.map { name, value in
                "<dt>\(HTMLText.escaped(name))</dt><dd>" + (name == "k table" ? value : HTMLText.escaped(value))
                    + "</dd>"
            }.joined() + "</dl>"
    }

    private static func kTable(_ model: SegmentModel) -> String {
        "<table><tr><th>k</th><th>inertia</th><th>silhouette</th><th></th></tr>"
            + model.selection.map { row in
                "<tr><td>\(row.k)</td><td>\(HTMLText.number(row.inertia, 2))</td>"
                    + "<td>\(HTMLText.number(row.silhouette, 4))</td>"
                    + "<td>\(row.k == model.kmeans.k ? "chosen" : "")</td></tr>"
            }.joined() + "</table>"
    }

    static func cards(_ model: SegmentModel) -> String {
        "<div class=\"cards\">"
            + model.segments.map { segment in
                var out = "<article class=\"card\" style=\"--c:\(SVGCanvas.colour(segment.id))\">"
                out += "<h3>\(segment.id) \(HTMLText.escaped(segment.name))</h3>"
                out += "<p>\(HTMLText.escaped(segment.description))</p>"
                out += "<p><b>Strategy:</b> \(HTMLText.escaped(segment.marketingStrategy))</p>"
                out += "<p><b>Retention priority:</b> \(HTMLText.escaped(segment.retentionPriority))</p>"
                out += "<p><b>Size:</b> \(segment.size) customers (\(HTMLText.number(segment.share * 100, 1))%)</p>"
                let features = segment.profile.distinguishing.map { distinction in
                    let z = distinction.standardizedDifference
                    return "<li>\(HTMLText.escaped(distinction.name)) \(z >= 0 ? "+" : "")\(HTMLText.number(z, 2)) "
                        + "SD (mean \(HTMLText.number(distinction.segmentMean, 2)) vs "
                        + "\(HTMLText.number(distinction.overallMean, 2)))</li>"
                }
                out += "<p><b>Stands out by:</b></p><ul>\(features.joined())</ul>"
                return out + "</article>"
            }.joined() + "</div>"
    }
}
