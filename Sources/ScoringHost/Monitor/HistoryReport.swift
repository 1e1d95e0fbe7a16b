package import SegmentCore
import Foundation

/// `segmentd history`: per UTC day and model, the rows, segment shares, mean confidence and largest feature PSI of
/// the day's merged counts against the reference of the model that scored them (the guide's "track the segment
/// distribution over time").
package struct HistoryReport: Sendable, Equatable {
    /// One day of one model.
    package struct Day: Sendable, Equatable {
        package var day: String
        package var modelVersion: String
        package var rows: Int
        /// Segment name and share, by segment id.
        package var shares: [(name: String, share: Double)]
        package var meanConfidence: Double
        /// Largest PSI and its feature; nil when the model is unknown or has no drift reference.
        package var maxPSI: Double?
        package var maxPSIFeature: String?

        package init(
            day: String, modelVersion: String, rows: Int, shares: [(name: String, share: Double)],
            meanConfidence: Double, maxPSI: Double?, maxPSIFeature: String?
        ) {
            self.day = day
            self.modelVersion = modelVersion
            self.rows = rows
            self.shares = shares
            self.meanConfidence = meanConfidence
            self.maxPSI = maxPSI
            self.maxPSIFeature = maxPSIFeature
        }

        package static func == (lhs: Day, rhs: Day) -> Bool {
            lhs.day == rhs.day && lhs.modelVersion == rhs.modelVersion && lhs.rows == rhs.rows
                && lhs.shares.map(\.name) == rhs.shares.map(\.name)
                && lhs.shares.map(\.share) == rhs.shares.map(\.share)
                && lhs.meanConfidence == rhs.meanConfidence && lhs.maxPSI == rhs.maxPSI
                && lhs.maxPSIFeature == rhs.maxPSIFeature
        }
    }

    package var days: [Day]

    /// The report of `days`; `model` finds the model of a version (nil when it is no longer known: its PSI and
    /// segment names are then not shown).
    package init(_ days: [DayCounts], model: (String) -> SegmentModel?) {
        self.days = days.map { entry in
            let found = model(entry.modelVersion)
            let names = Dictionary(
                (found?.segments ?? []).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            let report = found?.drift.flatMap { entry.counts.driftReport(reference: $0) }
            return Day(
                day: entry.day, modelVersion: entry.modelVersion, rows: entry.counts.rows,
                shares: entry.counts.segmentShares.enumerated().map { id, share in
                    (name: names[id] ?? "segment \(id)", share: share)
                },
                meanConfidence: entry.counts.meanConfidence, maxPSI: report?.maximum?.psi,
                maxPSIFeature: report?.maximum?.name)
        }
    }

    /// The readable table: one line per day and model, shares as percentages in segment id order (named below).
    package var text: String {
        guard !days.isEmpty else { return "no day counted yet: the daemon counts every file it scores\n" }
        let rows = days.map { day in
            [
                day.day, day.modelVersion, "\(day.rows)", String(format: "%.4f", day.meanConfidence),
                day.maxPSI.map { String(format: "%.4f", $0) } ?? "-", day.maxPSIFeature ?? "-",
                day.shares.map { String(format: "%.1f", $0.share * 100) }.joined(separator: " "),
            ]
        }
        var text = TextTable(
            headers: ["DAY", "MODEL", "ROWS", "MEAN CONF", "MAX PSI", "FEATURE", "SEGMENT SHARES (%)"], rows: rows
        ).rendered
        var legends: [String] = []
        for day in days {
            let legend = day.shares.enumerated().map { "\($0.offset) \($0.element.name)" }.joined(separator: ", ")
            if !legends.contains(legend) { legends.append(legend) }
        }
        for legend in legends { text += "segments: \(legend)\n" }
        return text
    }

    /// The JSON document: an array of one object per day and model.
    package var json: [[String: Any]] {
        days.map { day in
            [
                "day": day.day, "model_version": day.modelVersion, "rows": day.rows,
                "mean_confidence": Self.rounded(day.meanConfidence),
                "max_psi": day.maxPSI.map(Self.rounded) ?? NSNull(),
                "max_psi_feature": day.maxPSIFeature.map { $0 as Any } ?? NSNull(),
                "segments": day.shares.enumerated().map { index, entry in
                    ["id": index, "name": entry.name, "share": Self.rounded(entry.share)] as [String: Any]
                },
            ]
        }
    }

    private static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }
}
