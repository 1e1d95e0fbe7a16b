package import Foundation
import GRDB

/// A uniform sample of the rows the daemon scored in a window of days, read from the reservoir.
package struct ReservoirSample: Sendable, Equatable {
    /// The columns of ``values``, in the order asked for.
    package var columns: [String]
    /// Row-major values, ``rowCount`` rows of `columns.count`, NaN where the input was missing.
    package var values: [Double]
    /// Rows in the sample.
    package var rowCount: Int
    /// The sampling rate: every row scored in the window was kept with this probability (1 while no day of the
    /// window dropped a row).
    package var rate: Double
    /// The days of the window that had scored rows, oldest first.
    package var days: [DayCount]
    /// Rows of the window skipped because they lack a column asked for (scored by a model with other inputs).
    package var rowsWithOtherColumns: Int

    /// One day of the window.
    package struct DayCount: Sendable, Equatable {
        package var day: ReservoirDay
        /// Rows the daemon scored that day.
        package var rowsScored: Int
        /// Rows of the day in the sample.
        package var rowsSampled: Int
    }

    /// The rows as arrays, in ``columns`` order.
    package var rows: [[Double]] {
        let width = columns.count
        return (0..<rowCount).map { Array(values[$0 * width..<($0 + 1) * width]) }
    }
}

extension ReservoirStore {
    /// The uniform sample of the rows scored in the `days` UTC days ending with `now`'s, projected on `columns` (by
    /// name: rows stored by a model with other inputs are used when they have every column asked for), at most
    /// `limit` rows: those with the smallest keys, which is again a uniform sample.
    ///
    /// Read in one transaction, so a daemon writing meanwhile is seen before or after a file, never half-way.
    package func sample(columns: [String], now: Date, days: Int, limit: Int) throws(ReservoirError) -> ReservoirSample {
        let last = ReservoirDay(now)
        let first = last.first(ofWindow: days)
        return try read { db in
            let dayRows = try Row.fetchAll(
                db, sql: "SELECT day, rows_scored, bound FROM days WHERE day BETWEEN ? AND ? ORDER BY day",
                arguments: [first.number, last.number])
            let tau = dayRows.map { $0["bound"] as Double }.min() ?? Self.completeBound
            var projections: [Int64: [Int]?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, columns FROM layouts") {
                let stored = (row["columns"] as String).split(separator: "\n", omittingEmptySubsequences: false)
                    .map(String.init)
                let positions = columns.map { stored.firstIndex(of: $0) }
                projections[row["id"]] = positions.contains(nil) ? .some(nil) : positions.map { $0! }
            }
            var sample = ReservoirSample(
                columns: columns, values: [], rowCount: 0, rate: min(tau, 1), days: [], rowsWithOtherColumns: 0)
            var perDay: [Int: Int] = [:]
            let cursor = try Row.fetchCursor(
                db,
                sql: "SELECT day, layout, vals FROM rows WHERE day BETWEEN ? AND ? AND key < ? ORDER BY key",
                arguments: [first.number, last.number, tau])
            while let row = try cursor.next(), sample.rowCount < limit {
                guard let positions = projections[row["layout"]] ?? nil else {
                    sample.rowsWithOtherColumns += 1
                    continue
                }
                let data: Data = row["vals"]
                data.withUnsafeBytes { raw in
                    let stored = raw.count / MemoryLayout<Double>.size
                    for position in positions {
                        sample.values.append(
                            position < stored
                                ? raw.loadUnaligned(
                                    fromByteOffset: position * MemoryLayout<Double>.size, as: Double.self)
                                : .nan)
                    }
                }
                sample.rowCount += 1
                perDay[row["day"], default: 0] += 1
            }
            sample.days = dayRows.map { row in
                let day: Int = row["day"]
                return ReservoirSample.DayCount(
                    day: ReservoirDay(number: day), rowsScored: row["rows_scored"], rowsSampled: perDay[day] ?? 0)
            }
            return sample
        }
    }

    /// The rows of ``sample(columns:now:days:limit:)`` as arrays in `columns` order: what `segmentd check`'s quality
    /// rule scores (the champion's input columns, `reservoir_days`, a few thousand rows).
    package func recentRows(columns: [String], now: Date, days: Int, limit: Int) throws(ReservoirError) -> [[Double]] {
        try sample(columns: columns, now: now, days: days, limit: limit).rows
    }
}
