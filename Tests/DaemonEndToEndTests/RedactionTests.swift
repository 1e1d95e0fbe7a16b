import Foundation
import Testing

/// What the daemon says about a failed file names column positions and short redacted excerpts, never a whole
/// record: a file without a header has a customer record as its first line, card numbers and passwords included.
extension DaemonEndToEndTests {
    @Test("a file whose first line is a record fails without that record in error.json or the log")
    func failureReportAndLogDoNotCopyTheFirstRecord() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1"])
        let secrets = ["C1001", "4111111111111111", "hunter2secret", "1111", "hunter", "secret"]
        let records = "C1001,4111111111111111,hunter2secret,12.5\nC1002,5500000000000004,letmein,3\n"
        try tree.renameIn("cards.csv", records)
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit(timeout: .seconds(60)) == 65, "the file failed: \(once.log)")

        let data = try Data(contentsOf: URL(fileURLWithPath: tree.path("var/failed/cards.csv.error.json")))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let reason = try #require(report["reason"] as? String)
        #expect(reason.contains("CUST_ID"), "the reason still names the missing columns: \(reason)")
        #expect(reason.contains("column 2"), "the reason shows column positions: \(reason)")
        let log = once.log
        #expect(log.contains("cards.csv"), "the failure is logged: \(log)")
        for secret in secrets {
            #expect(!reason.contains(secret), "error.json holds \(secret): \(reason)")
            #expect(!log.contains(secret), "the log holds \(secret): \(log)")
        }
        let kept = try String(contentsOfFile: tree.path("var/failed/cards.csv"), encoding: .utf8)
        #expect(kept == records, "the input itself is kept whole in var/failed")
        tree.remove()
    }
}
