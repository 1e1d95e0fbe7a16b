import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// `segmentd run` with its HTTP server (the default `[http] enabled = true`, on a port the system picks): the live
/// `/metrics`, `/v1/status` and `/readyz` follow the files the daemon settles, and a taken port stops the start.
extension DaemonEndToEndTests {
    @Test("live /metrics counts move with dropped files and equal the manifests; status lists them; promtool passes")
    func liveMetricsFollowTheManifests() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        let daemon = try DaemonProcess(in: tree)
        let base = try await daemon.httpBase()
        let before = Promtool.samples(try Curl.request("\(base)/metrics").text)
        #expect(before[#"segmentd_files_total{outcome="scored"}"#, default: 0] == 0)
        #expect(before["segmentd_inbox_pending"] == 0 && before["segmentd_paused"] == 0)

        try tree.renameIn("first.csv", tree.fixture.csv(rows: 30, from: 0))
        try tree.renameIn(
            "second.csv", tree.fixture.csv(rows: 20, from: 100) + Self.rejectedRows(tree.fixture, count: 1, from: 0))
        try tree.renameIn("broken.csv", "CUST_ID\n1\n")
        try await tree.waitForManifests(3, timeout: .seconds(60))

        let scrape = try Curl.request("\(base)/metrics")
        #expect(scrape.status == 200 && scrape.headers["content-type"]?.hasPrefix("text/plain") == true)
        let samples = Promtool.samples(scrape.text)
        let manifests = try tree.manifests().values
        let scored = manifests.filter { $0["outcome"] as? String == "scored" }
        let failed = manifests.filter { $0["outcome"] as? String == "failed" }
        #expect(scored.count == 2 && failed.count == 1, "\(daemon.log)")
        func rows(_ key: String) -> Double {
            Double(scored.map { ($0["rows"] as? [String: Int])?[key] ?? 0 }.reduce(0, +))
        }
        #expect(samples[#"segmentd_files_total{outcome="scored"}"#] == Double(scored.count), "\(scrape.text)")
        #expect(samples[#"segmentd_files_total{outcome="failed"}"#] == Double(failed.count), "\(scrape.text)")
        #expect(samples[#"segmentd_rows_total{result="scored"}"#] == rows("scored") && rows("scored") == 50)
        #expect(samples[#"segmentd_rows_total{result="rejected"}"#] == rows("rejected") && rows("rejected") == 1)
        let version = try #require(scored.first?["model_version"] as? String)
        #expect(samples[#"segmentd_model_info{version="\#(version)"}"#] == 1, "\(scrape.text)")
        #expect(samples["segmentd_files_in_progress"] == 0 && samples["segmentd_inbox_pending"] == 0)
        #expect(samples.keys.contains { $0.hasPrefix(#"segmentd_http_requests_total{route="/metrics""#) })

        let promtool = try #require(Promtool.path, "promtool missing: run bash scripts/test-tools.sh")
        let (status, output) = try Promtool.checkMetrics(Array(scrape.body), promtool: promtool)
        #expect(status == 0 && output.isEmpty, "\(output)\n\(scrape.text)")

        let document = try Curl.request("\(base)/v1/status").json
        let recent = try #require(document["recent_files"] as? [[String: Any]])
        #expect(Set(recent.compactMap { $0["name"] as? String }) == ["first.csv", "second.csv", "broken.csv"])
        #expect(recent.first { $0["name"] as? String == "broken.csv" }?["outcome"] as? String == "failed")
        #expect(document["model_version"] as? String == version && document["paused"] as? Bool == false)
        #expect(try Curl.request("\(base)/readyz").status == 200)
        #expect(try Curl.request("\(base)/healthz").status == 200)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        tree.remove()
    }

    @Test("while the outbox cannot take output, /readyz answers 503 with the reason and the metrics show the pause")
    func readinessFollowsAFullOutbox() async throws {
        // More free space than any disk has: the outbox counts as full, as it does when a consumer falls behind.
        let tree = try DaemonTree(settings: ["min_age = 0.0", "min_free_bytes = \(Int64.max)"])
        let daemon = try DaemonProcess(in: tree)
        let base = try await daemon.httpBase()
        try tree.renameIn("waiting.csv", tree.fixture.csv(rows: 10, from: 0))
        try await Poll.until("intake pauses", timeout: .seconds(30)) { daemon.log.contains("not taking files") }

        let ready = try Curl.request("\(base)/readyz")
        #expect(ready.status == 503 && ready.headers["content-type"] == "application/problem+json", "\(ready.text)")
        let reasons = (ready.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
        #expect(reasons.contains { $0.contains("outbox") }, "\(ready.text)")
        let status = try Curl.request("\(base)/v1/status").json
        #expect(status["paused"] as? Bool == true && status["inbox_pending"] as? Int == 1, "\(status)")
        let samples = Promtool.samples(try Curl.request("\(base)/metrics").text)
        #expect(samples["segmentd_paused"] == 1 && samples["segmentd_inbox_pending"] == 1)
        #expect(tree.names(in: "inbox") == ["waiting.csv"], "nothing was taken")
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0, "\(daemon.log)")
        tree.remove()
    }

    @Test("run exits 69 naming the address when the HTTP port is taken; with [http] enabled = false it serves")
    func takenPortStopsTheStart() async throws {
        let holder = try DaemonTree()
        let first = try DaemonProcess(in: holder)
        let base = try await first.httpBase()
        let address = String(base.dropFirst("http://".count))

        let tree = try DaemonTree(settings: ["[http]", "listen = \"\(address)\""])
        let second = try DaemonProcess(in: tree)
        #expect(try await second.waitForExit() == 69, "\(second.log)")
        #expect(second.log.contains(address), "\(second.log)")

        try tree.writeConfiguration(["[http]", "enabled = false", "listen = \"\(address)\""])
        let third = try DaemonProcess(in: tree)
        try await third.waitUntilServing()
        try tree.renameIn("a.csv", tree.fixture.csv(rows: 5, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(60))
        #expect(!third.log.contains("HTTP server listening"), "\(third.log)")
        for process in [first, third] {
            process.signal(SIGTERM)
            #expect(try await process.waitForExit() == 0, "\(process.log)")
        }
        holder.remove()
        tree.remove()
    }
}

extension DaemonProcess {
    /// `http://host:port` of the daemon's HTTP server, read from its start-up line once it is listening.
    func httpBase(timeout: Duration = .seconds(30)) async throws -> String {
        let marker = "HTTP server listening on "
        try await Poll.until("segmentd logs '\(marker)'", timeout: timeout) {
            log.contains(marker) || !process.isRunning
        }
        try #require(process.isRunning, "segmentd exited at start: \(log)")
        let line = try #require(log.split(separator: "\n").first { $0.contains(marker) })
        let rest = line[line.range(of: marker)!.upperBound...]
        return "http://" + String(rest.prefix { !$0.isWhitespace })
    }
}
