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
