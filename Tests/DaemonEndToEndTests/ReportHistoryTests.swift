import Foundation
import SegmentdTestSupport
import Testing

/// `segmentd report --history` draws what the daemon counted: the days of the reported model and the retrain rules.
extension DaemonEndToEndTests {
    @Test("report --history charts the day the daemon counted a shifted file, its PSI over the limit, and the advice")
    func reportHistoryDrawsTheCountedDays() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0", "[retrain]", "min_rows = 5000", "max_psi = 0.15"])
        let shifted = tree.path("stage/shifted.csv")
        let generated = try await CommandResult.run(
            ["generate", "--rows", "6000", "--seed", "5", "--shift", "PURCHASES=3", shifted], in: tree.url)
        #expect(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.moveItem(atPath: shifted, toPath: tree.path("inbox/shifted.csv"))
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 0, "\(once.log)")

        let plain = try await CommandResult.run(["report", "--output", "plain.html"], in: tree.url)
        #expect(plain.status == 0, "\(plain.stderr)")
        let report = try await CommandResult.run(["report", "--history", "--output", "history.html"], in: tree.url)
        #expect(report.status == 0, "\(report.stderr)")

        let html = try String(contentsOfFile: tree.path("history.html"), encoding: .utf8)
        let model = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: tree.path("var/model.json"))))
        let k = try #require(((model as? [String: Any])?["segments"] as? [Any])?.count)
        let today = String(Date().formatted(.iso8601).prefix(10))
        #expect(html.contains("data-chart=\"history-shares\" data-marks=\"\(k)\""), "one point per segment and day")
        #expect(html.contains("data-chart=\"history-psi\" data-marks=\"1\""))
        #expect(html.contains("data-chart=\"history-rows\" data-marks=\"1\""))
        #expect(html.contains("<title>\(today): 6000 rows"))
        #expect(html.contains("fill=\"#D55E00\" class=\"mark\"><title>\(today): largest PSI"), "over the limit")
        #expect(html.contains("Retrain advised: drift"))
        #expect(html.components(separatedBy: "<tr><td>").count - 1 == 4, "the four rules")
        let without = try String(contentsOfFile: tree.path("plain.html"), encoding: .utf8)
        #expect(!without.contains("id=\"history\""), "the history section only on request")
        tree.remove()
    }
}

extension DaemonEndToEndTests {
    @Test("report --compare adds the migration monitor's flows over its last files, cell by cell as the files moved")
    func reportCompareDrawsTheMigrationFlows() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(
            toFile: tree.path("etc/plugins.d/migration.toml"), atomically: true, encoding: .utf8)
        let rows = tree.fixture.rows
        // The same 300 customers twice: the second file gives each the values of another customer, so many move.
        let second = (0..<300).map { index in
            String(rows[index].prefix { $0 != "," }) + String(rows[300 + index].drop { $0 != "," })
        }
        for (name, lines) in [("one.csv", Array(rows[0..<300])), ("two.csv", second)] {
            try tree.renameIn(name, ([tree.fixture.header] + lines).joined(separator: "\n") + "\n")
            let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
            #expect(try await once.waitForExit() == 0, "\(once.log)")
        }
        // What the plugin wrote into the scored files: the segment before and after, per row.
        var expected: [String: [String: Int]] = [:]
        for name in ["one", "two"] {
            let lines = try String(contentsOfFile: tree.path("outbox/\(name).scored.csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let before = try #require(lines[0].firstIndex(of: "previous_segment"))
            let after = try #require(lines[0].firstIndex(of: "segment_name"))
            for line in lines.dropFirst() {
                let from = line[before].isEmpty ? "new" : String(line[before])
                expected[name, default: [:]]["\(from) -> \(line[after])", default: 0] += 1
            }
        }

        let all = expected["one", default: [:]].merging(expected["two", default: [:]], uniquingKeysWith: +)
        #expect(try await Self.drawnFlows(tree, files: nil) == all, "every (before, after) pair of the two files")
        #expect(try await Self.drawnFlows(tree, files: 1) == expected["two"], "--files 1: the last file only")
        tree.remove()
    }

    /// The flows `report --compare` draws (`files`: its --files), cell by cell, from the cells' tooltips.
    static func drawnFlows(_ tree: DaemonTree, files: Int?) async throws -> [String: Int] {
        let report = try await CommandResult.run(
            ["report", "--data", "var/archive/two.csv", "--compare", "var/model.json", "--output", "flows.html"]
                + (files.map { ["--files", "\($0)"] } ?? []), in: tree.url)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: tree.path("flows.html"), encoding: .utf8)
        let figure = try #require(
            html.components(separatedBy: "data-chart=\"flows\"").dropFirst().first?.components(separatedBy: "</figure>")
                .first)
        var drawn: [String: Int] = [:]
        for title in figure.components(separatedBy: "<title>").dropFirst() {
            let text = title.prefix { $0 != "<" }.replacingOccurrences(of: "-&gt;", with: "->")
            guard let colon = text.range(of: ": "), let count = Int(text[colon.upperBound...].prefix { $0 != " " })
            else { continue }
            if count > 0 { drawn[String(text[..<colon.lowerBound]), default: 0] += count }
        }
        #expect(figure.contains("over the migration monitor&#39;s last \(files ?? 2) files"))
        return drawn
    }
}
