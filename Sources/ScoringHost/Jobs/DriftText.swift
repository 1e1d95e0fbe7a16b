package import SegmentCore
import Foundation

/// A file's drift report in words, for `segmentd score --drift`: the same figures as the manifest's `drift`.
package enum DriftText {
    /// - Parameter segmentNames: the model's segment names by id.
    package static func text(_ report: DriftReport, segmentNames: [String]) -> String {
        var out = "drift against the training data (\(report.rows) rows):\n"
        out += "  PSI of the input columns, largest first: "
        out += report.topInputColumns().map { "\($0.name) \(format($0.psi, 4))" }.joined(separator: ", ") + "\n"
        let derived = report.topDerivedFeatures()
        if !derived.isEmpty {
            out += "  PSI of the derived features: "
            out += derived.map { "\($0.name) \(format($0.psi, 4))" }.joined(separator: ", ") + "\n"
        }
        if let maximum = report.maximum {
            out += "  maximum PSI \(format(maximum.psi, 4)) (\(maximum.name)): \(verdict(maximum.psi))\n"
        }
        let rows = report.segments.map { segment in
            [
                String(segment.id), segment.id < segmentNames.count ? segmentNames[segment.id] : "",
                format(segment.share * 100, 1) + "%", format(segment.trainingShare * 100, 1) + "%",
                segment.relativeChange.map { ($0 >= 0 ? "+" : "") + format($0 * 100, 1) + "%" } ?? "",
            ]
        }
        let table = TextTable(headers: ["id", "segment", "share", "training", "change"], rows: rows).rendered
        out += table.split(separator: "\n").map { "  " + $0 + "\n" }.joined()
        if let largest = report.largestShareChange, let change = largest.relativeChange {
            let name = largest.id < segmentNames.count ? segmentNames[largest.id] : String(largest.id)
            out += "  largest share change: \(name) \(change >= 0 ? "+" : "")\(format(change * 100, 1))%\n"
        }
        out += "  confidence: mean \(format(report.meanConfidence, 4)) (training "
        out += "\(format(report.trainingMeanConfidence, 4))), \(format(report.lowConfidenceShare * 100, 1))% "
        out += "below \(format(report.lowConfidenceThreshold, 2))\n"
        return out
    }

    /// The usual reading of a PSI value.
    static func verdict(_ psi: Double) -> String {
        psi < 0.1 ? "no shift" : psi < 0.25 ? "a moderate shift" : "a large shift"
    }

    private static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
