import Foundation
import SegmentPlugin

/// What one run of a testcase expects: `expected.csv`, the files under `artifacts/` and `report.toml`.
struct CaseExpectations {
    /// The run's path from the package root, used in messages.
    let label: String
    let directory: URL

    /// At most this many differing cells are reported per run.
    private static let reportedCellLimit = 20

    /// Compares the rendered rows (output values then rejection reason) with `expected.csv`.
    func compareRows(_ rows: [[String]], lines: [Int], columns: [String]) throws -> [String] {
        let file = "\(label)/expected.csv"
        let text = try String(contentsOf: directory.appendingPathComponent("expected.csv"), encoding: .utf8)
        let expected = CaseCSV.rows(text)
        let header = ["line"] + columns + ["rejected"]
        guard expected.first == header else {
            return [
                "\(file): header is \((expected.first ?? []).joined(separator: ",")), "
                    + "expected \(header.joined(separator: ","))"
            ]
        }
        guard expected.count - 1 == rows.count else {
            return ["\(file): \(expected.count - 1) data rows, but input.csv has \(rows.count)"]
        }
        var problems: [String] = []
        for (index, (wanted, actual)) in zip(expected.dropFirst(), zip(lines, rows)).enumerated() {
            let got = [String(actual.0)] + actual.1
            for (column, name) in header.enumerated() {
                let cell = column < wanted.count ? wanted[column] : ""
                guard !Self.matches(cell, got[column], prefixAllowed: name == "rejected") else { continue }
                problems.append(
                    "\(file): data row \(index + 1) (input line \(actual.0)), \(name): "
                        + "expected \"\(cell)\", got \"\(got[column])\"")
                if problems.count == Self.reportedCellLimit {
                    return problems + ["\(file): further differences not shown"]
                }
            }
        }
        return problems
    }

    /// Compares every artifact written with `artifacts/<suffix>`; an artifact without a file there, or a file
    /// there without an artifact, is a difference.
    func compareArtifacts(_ writer: MemoryArtifactWriter) throws -> [String] {
        let folder = directory.appendingPathComponent("artifacts")
        let expectedNames = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        var problems: [String] = []
        for suffix in Set(writer.lines.keys).union(expectedNames).sorted() {
            let path = "\(label)/artifacts/\(suffix)"
            let actual = writer.content(of: suffix)
            let wanted = try? String(contentsOf: folder.appendingPathComponent(suffix), encoding: .utf8)
            switch (wanted, actual) {
            case (nil, let actual?):
                problems.append("\(path): the plugin wrote this artifact, which the case does not expect:\n\(actual)")
            case (_?, nil):
                problems.append("\(path): expected, but the plugin wrote no such artifact")
            case (let wanted?, let actual?) where wanted != actual:
                problems.append("\(path): differs; the plugin wrote:\n\(actual)")
            default:
                continue
            }
        }
        return problems
    }

    /// Compares the session's report with `report.toml` when the run has one: `flags` (when given) must be equal,
    /// and each number under `[metrics]` must be reported with that value.
    func compareReport(_ report: PluginFileReport?) throws -> [String] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("report.toml"), encoding: .utf8)
        else { return [] }
        let file = "\(label)/report.toml"
        guard let report else { return ["\(file): expected, but finish was not called or failed"] }
        let expected = try PluginSettings.parse(text, source: file)
        var problems: [String] = []
        if let flags = try expected.strings("flags"), flags != report.flags {
            problems.append("\(file): flags \(flags), the session reported \(report.flags)")
        }
        if let metrics = try expected.table("metrics") {
            for name in metrics.keys {
                let wanted = try metrics.number(name) ?? .nan
                let actual = report.metrics[name]
                guard let actual, abs(actual - wanted) <= 1e-9 * max(1, abs(wanted)) else {
                    problems.append(
                        "\(file): metric \(name) = \(wanted), the session reported "
                            + (actual.map { "\($0)" } ?? "none"))
                    continue
                }
            }
        }
        try expected.rejectUnreadKeys()
        return problems
    }

    /// Whether `actual` is what the `expected` cell asks for: equal text, or in the `rejected` column a cell
    /// ending in `*` matches any reason starting with the text before it.
    static func matches(_ expected: String, _ actual: String, prefixAllowed: Bool) -> Bool {
        if prefixAllowed, expected.hasSuffix("*") { return actual.hasPrefix(expected.dropLast()) }
        return expected == actual
    }
}
