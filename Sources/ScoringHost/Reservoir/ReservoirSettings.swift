package import Foundation

/// How much the reservoir keeps: the `[retrain]` table's `reservoir_days` and `reservoir_rows` as the store uses
/// them (the daemon's configuration module knows nothing of the store; the command line passes these on).
package struct ReservoirSettings: Sendable, Equatable {
    /// UTC days of scored rows the sample covers, today included.
    package var days: Int
    /// The most rows a sample of the whole window holds.
    package var rows: Int

    package init(days: Int, rows: Int) {
        self.days = max(days, 1)
        self.rows = max(rows, 1)
    }

    /// Rows kept per day: `rows / days`, rounded up, so a window of full days holds about `rows` rows and the file
    /// stays bounded at roughly `rows` x (input columns x 8 + 60) bytes whatever the daily volume.
    package var rowsPerDay: Int { (rows + days - 1) / days }
}

/// A UTC day as the reservoir numbers it: whole days since 1970-01-01.
package struct ReservoirDay: Sendable, Hashable, Comparable {
    package var number: Int

    package init(number: Int) {
        self.number = number
    }

    /// The UTC day `date` falls in.
    package init(_ date: Date) {
        number = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// The oldest day of a window of `days` days ending with this one.
    package func first(ofWindow days: Int) -> ReservoirDay {
        ReservoirDay(number: number - max(days, 1) + 1)
    }

    /// `YYYY-MM-DD`.
    package var text: String {
        String(Date(timeIntervalSince1970: Double(number) * 86_400).formatted(.iso8601).prefix(10))
    }

    package static func < (left: ReservoirDay, right: ReservoirDay) -> Bool { left.number < right.number }
}
