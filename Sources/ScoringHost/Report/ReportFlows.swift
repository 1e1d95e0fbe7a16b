/// What `--compare` adds from the migration monitor's history: customers' moves between segments over its last files
/// (read by the command line from the plugin's database; the scoring host does not open a plugin's state).
package struct ReportFlows: Sendable {
    /// The files counted, oldest first.
    package var files: [String]
    /// Where customers came from: "new" first, then the segments they had.
    package var fromNames: [String]
    /// Where they went.
    package var toNames: [String]
    /// Rows by (from, to), row-major over `toNames.count` columns.
    package var counts: [Int]

    package init(files: [String], fromNames: [String], toNames: [String], counts: [Int]) {
        self.files = files
        self.fromNames = fromNames
        self.toNames = toNames
        self.counts = counts
    }

    /// The chart: one row per origin, one column per destination.
    var html: String {
        let title = "Flows between segments over the migration monitor's last \(files.count) files"
        guard !files.isEmpty, !toNames.isEmpty else {
            return ReportFigure.unavailable(
                "flows", title: title, reason: "The migration monitor has committed no file yet.")
        }
        let moved = fromNames.indices.reduce(0) { total, from in
            total
                + toNames.indices.reduce(0) {
                    $0 + (fromNames[from] == toNames[$1] ? 0 : counts[from * toNames.count + $1])
                }
        }
        let total = counts.reduce(0, +)
        return MatrixChart(
            name: "flows", title: title, rowNames: fromNames, columnNames: toNames,
            count: { counts[$0 * toNames.count + $1] },
            description: "Rows: the segment a customer had before the file (or new); columns: the one the file gave.",
            note: "\(total) rows of \(files.first ?? "") to \(files.last ?? ""); \(moved) changed segment or were new. "
                + "Read from the migration plugin's history, not from --data."
        ).html
    }
}
