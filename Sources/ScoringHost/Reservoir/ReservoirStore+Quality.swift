package import Foundation
package import SegmentCore

extension ReservoirStore {
    /// The recent rows the quality rule scores with the champion (``RetrainEvaluator``): the reservoir's sample of
    /// the days of `window` (from its oldest day to the day of `now`), at most ``RecentQuality/maximumRows``, in
    /// `model`'s input-column order. Nil when the daemon keeps no reservoir (none yet, or `reservoir_rows = 0`) or
    /// the window has no day: the rule then says it was not evaluated.
    /// - Throws: ``ReservoirError`` when the reservoir exists but cannot be read.
    package static func recentRows(
        stateDirectory: String, model: SegmentModel, window: RetrainWindow, now: Date
    ) throws(ReservoirError) -> [[Double]]? {
        let path = path(stateDirectory: stateDirectory)
        guard let oldest = window.days.min(), FileManager.default.fileExists(atPath: path) else { return nil }
        guard let first = try? Date("\(oldest)T00:00:00Z", strategy: .iso8601) else { return nil }
        let days = ReservoirDay(now).number - ReservoirDay(first).number + 1
        let columns: [String]
        do {
            columns = try SegmentScorer(model: model).inputColumns
        } catch {
            return nil
        }
        let store = try ReservoirStore(path: path, create: false)
        let rows = try store.recentRows(
            columns: columns, now: now, days: max(days, 1), limit: RecentQuality.maximumRows)
        return rows.isEmpty ? nil : rows
    }
}
