package import SegmentCore

/// What `segmentd report --history` adds: the daemon's per-day windows of the reported model, the drift limit they
/// are judged against, and the retrain rules over the latest window.
package struct ReportHistory: Sendable {
    /// Days of the reported model, oldest first.
    package var days: [HistoryReport.Day]
    /// `[retrain] max_psi`: the dashed line of the PSI chart.
    package var psiThreshold: Double
    /// The four rules over the latest window; nil when they could not be evaluated.
    package var advice: RetrainAdvice?

    /// Keeps the days of `modelVersion`, oldest first (the store lists them newest first or by model).
    package init(days: [HistoryReport.Day], modelVersion: String, psiThreshold: Double, advice: RetrainAdvice?) {
        self.days = days.filter { $0.modelVersion == modelVersion }.sorted { $0.day < $1.day }
        self.psiThreshold = psiThreshold
        self.advice = advice
    }
}
