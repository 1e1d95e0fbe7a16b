import SegmentCore
import SegmentDaemon

extension DriftRecord {
    /// The manifest's `drift` section of a scoring host's drift report, values rounded to six decimals (more would
    /// only show noise, and shorter numbers read better).
    /// - Parameter segmentNames: the model's segment names by id.
    init(_ report: DriftReport, segmentNames: [String]) {
        func share(_ segment: DriftReport.Segment) -> SegmentShare {
            SegmentShare(
                id: segment.id, name: segment.id < segmentNames.count ? segmentNames[segment.id] : "",
                share: Self.rounded(segment.share), trainingShare: Self.rounded(segment.trainingShare),
                relativeChange: segment.relativeChange.map(Self.rounded))
        }
        func psi(_ feature: DriftReport.Feature) -> FeaturePSI {
            FeaturePSI(name: feature.name, psi: Self.rounded(feature.psi))
        }
        let maximum = report.maximum
        self.init(
            rows: report.rows, maxPSI: Self.rounded(maximum?.psi ?? 0), maxPSIFeature: maximum?.name ?? "",
            topFeatures: report.topInputColumns(5).map(psi), topDerivedFeatures: report.topDerivedFeatures(5).map(psi),
            segments: report.segments.map(share), largestShareChange: report.largestShareChange.map(share),
            meanConfidence: Self.rounded(report.meanConfidence),
            trainingMeanConfidence: Self.rounded(report.trainingMeanConfidence),
            lowConfidenceShare: Self.rounded(report.lowConfidenceShare),
            lowConfidenceThreshold: report.lowConfidenceThreshold)
    }

    /// `value` rounded to six decimals.
    static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
}
