import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// The real daemon counts every scored file into `<state_dir>/monitor.sqlite`; `segmentd history` and `segmentd
/// check` read it beside it, and the daemon's own evaluation shows in `/metrics` and `/v1/status`.
extension DaemonEndToEndTests {
    /// `segmentd arguments…` in `tree`.
    private func segmentd(_ tree: DaemonTree, _ arguments: [String]) async throws -> CommandResult {
        try await CommandResult.run(arguments, in: tree.url)
    }

    /// Today's UTC day, as the daemon names it.
    private static var today: String { String(Date().formatted(.iso8601).prefix(10)) }

    @Test("run --once counts scored files once per content; history shows the day; check exits 0, or 1 for age")
    func historyAndCheckAfterScoredFiles() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0", "duplicates = \"rescore\""])
        let first = tree.fixture.csv(rows: 3_000, from: 0)
        try tree.renameIn("first.csv", first)
        try tree.renameIn("second.csv", tree.fixture.csv(rows: 3_000, from: 5_000))
        try tree.renameIn("copy.csv", first)
        // Too many rejects (40 of 50 rows): failed, and its 10 scored rows are not counted.
        try tree.renameIn(
            "bad.csv", tree.fixture.csv(rows: 10, from: 9_000) + String(repeating: "x,y\n", count: 40))
        let dump = tree.path("metrics.txt")
        let once = try DaemonProcess(
            in: tree, arguments: ["run", "--once"], environment: ["SEGMENTD_METRICS_DUMP": dump])
        #expect(try await once.waitForExit() == 65, "\(once.log)")
        let manifests = try tree.manifests().values
        #expect(manifests.filter { $0["outcome"] as? String == "scored" }.count == 3, "\(once.log)")

        let samples = Promtool.samples(try String(contentsOfFile: dump, encoding: .utf8))
        #expect(samples["segmentd_day_rows"] == 6_000, "\(samples)")
        #expect((samples["segmentd_day_max_psi"] ?? 1) < 0.1)
        let shares = samples.filter { $0.key.hasPrefix("segmentd_day_segment_share{") }.values.reduce(0, +)
        #expect(abs(shares - 1) < 1e-9)
        for reason in ["age", "drift", "quality", "distribution"] {
            #expect(samples[#"segmentd_retrain_advised{reason="\#(reason)"}"#] == 0, "\(samples)")
        }

        let history = try await segmentd(tree, ["history"])
        #expect(history.status == 0, "\(history.stderr)")
        let line = try #require(history.stdout.split(separator: "\n").first { $0.hasPrefix(Self.today) })
        #expect(line.contains(" 6000 "), "\(history.stdout)")
        #expect(history.stdout.hasPrefix("DAY") && history.stdout.contains("segments: 0 "), "\(history.stdout)")
        let json = try await segmentd(tree, ["history", "--json", "--since", Self.today])
        let days = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(days.count == 1 && days[0]["rows"] as? Int == 6_000 && days[0]["day"] as? String == Self.today)
        #expect(((days[0]["max_psi"] as? Double) ?? 1) < 0.1 && (days[0]["mean_confidence"] as? Double ?? 0) > 0)
        let future = try await segmentd(tree, ["history", "--json", "--since", "2999-01-01"])
        #expect(future.status == 0 && future.stdout == "[]\n", "\(future.stdout)")

        let check = try await segmentd(tree, ["check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("window: 6000 rows, day \(Self.today)"), "\(check.stdout)")
        // The quality rule scores the daemon's reservoir sample of the window's days with the champion.
        #expect(check.stdout.contains("quality: silhouette ratio "), "\(check.stdout)")
        #expect(check.stdout.contains("recent rows"), "\(check.stdout)")
        #expect(check.stdout.contains("drift: largest PSI") && check.stdout.hasSuffix("no retrain needed\n"))
        let later = Date().addingTimeInterval(200 * 86_400).formatted(.iso8601)
        let old = try await segmentd(tree, ["check", "--now", later])
        #expect(old.status == 1, "\(old.stdout)\(old.stderr)")
        #expect(old.stdout.contains("limit 90 days: retrain advised") && old.stdout.hasSuffix("retrain advised: age\n"))
        let document = try await segmentd(tree, ["check", "--json", "--now", later])
        #expect(document.status == 1)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(document.stdout.utf8)) as? [String: Any])
        #expect(object["advised"] as? Bool == true && object["reasons"] as? [String] == ["age"])
        #expect(
            (object["rules"] as? [[String: Any]])?.map { $0["reason"] as? String ?? "" }
                == ["age", "drift", "quality", "distribution"])
        #expect(object["window_rows"] as? Int == 6_000)
        let bad = try await segmentd(tree, ["check", "--now", "yesterday"])
        #expect(bad.status == 64, "\(bad.stderr)")
        tree.remove()
    }

    @Test("a --shift PURCHASES=3 file makes check exit 1 for drift; a small window says not enough data")
    func checkAdvisesDriftOnAShiftedStream() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0", "[retrain]", "min_rows = 5000"])
        try tree.renameIn("small.csv", tree.fixture.csv(rows: 200, from: 0))
        let first = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await first.waitForExit() == 0, "\(first.log)")
        let small = try await segmentd(tree, ["check"])
        #expect(small.status == 0, "\(small.stdout)\(small.stderr)")
        #expect(small.stdout.contains("drift: not enough data (200 rows"), "\(small.stdout)")
        #expect(small.stdout.contains("distribution: not enough data"), "\(small.stdout)")

        let shifted = tree.path("stage/shifted.csv")
        let generated = try await segmentd(
            tree, ["generate", "--rows", "6000", "--seed", "5", "--shift", "PURCHASES=3", shifted])
        #expect(generated.status == 0, "\(generated.stderr)")
        try FileManager.default.moveItem(atPath: shifted, toPath: tree.path("inbox/shifted.csv"))
        let second = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await second.waitForExit() == 0, "\(second.log)")
        let check = try await segmentd(tree, ["check"])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("retrain advised: drift"), "\(check.stdout)")
        #expect(check.stdout.contains("largest PSI: PURCHASES") || check.stdout.contains("Monthly_Avg_Purchase"))
        // The daemon evaluated the same rules when it counted the file, and said so.
        #expect(second.log.contains("retrain advised"), "\(second.log)")
        tree.remove()
    }

    @Test("the live daemon shows its last retrain evaluation in /v1/status and /metrics")
    func liveStatusShowsTheRetrainAdvice() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        let daemon = try DaemonProcess(in: tree)
        let base = try await daemon.httpBase()
        #expect(try Curl.request("\(base)/v1/status").json.keys.contains("retrain"))
        try tree.renameIn("first.csv", tree.fixture.csv(rows: 6_000, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(60))
        // The rules are evaluated after the file's manifest is published (the silhouette must not delay it).
        var status = try Curl.request("\(base)/v1/status").json
        let deadline = ContinuousClock.now + .seconds(30)
        while !(status["retrain"] is [String: Any]), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            status = try Curl.request("\(base)/v1/status").json
        }
        let retrain = try #require(status["retrain"] as? [String: Any], "\(status)")
        #expect(retrain["advised"] as? Bool == false && retrain["window_rows"] as? Int == 6_000, "\(retrain)")
        #expect(retrain["model_version"] as? String == status["model_version"] as? String)
        let rules = try #require(retrain["rules"] as? [[String: Any]])
        #expect(rules.map { $0["verdict"] as? String ?? "" } == ["ok", "ok", "ok", "ok"], "\(rules)")
        let samples = Promtool.samples(try Curl.request("\(base)/metrics").text)
        #expect(samples[#"segmentd_retrain_advised{reason="drift"}"#] == 0, "\(samples)")
        #expect(samples["segmentd_day_rows"] == 6_000)
        let report = try Curl.request("\(base)/v1/report?history=1")
        #expect(report.status == 200 && report.text.contains("data-chart=\"history-rows\" data-marks=\"1\""))
        #expect(report.text.contains("<title>\(Self.today): 6000 rows"), "the day the daemon counted")
        #expect(report.text.contains("No retrain needed."))
        #expect(!(try Curl.request("\(base)/v1/report").text.contains("id=\"history\"")), "only on request")
        #expect(try Curl.request("\(base)/v1/report?history=yes").status == 400)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        tree.remove()
    }
}
