import Foundation
import SegmentdTestSupport
import Testing

/// Inputs that cannot be scored end in `var/failed` with a reason; the daemon keeps serving the others.
extension DaemonEndToEndTests {
    @Test(
        "junk, bad UTF-8, missing columns, empty files, links, directories, 100 MB lines fail with a reason; good go on"
    )
    func badInputsFailWithAReasonAndGoodFilesGoOn() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let fixture = tree.fixture

        var random = SeededGenerator(seed: 4)
        try tree.renameIn("junk.csv", Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &random) }))
        // Saved as ISO Latin 1: the header's `É` is the single byte 0xC9, which is not UTF-8. (Invalid UTF-8 in a data
        // row only rejects that row, into the rejects file; the file itself is scored.)
        var invalid = Data("CUST_ID,BALANC".utf8) + [0xC9]
        invalid += Data(fixture.csv(rows: 3, from: 0).drop { $0 != "," }.dropFirst("BALANCE".count + 1).utf8)
        try tree.renameIn("invalid-utf8.csv", invalid)
        let columns = fixture.header.split(separator: ",")
        try tree.renameIn("missing-columns.csv", columns.prefix(2).joined(separator: ",") + "\n1,2\n3,4\n")
        try tree.renameIn("empty.csv", "")
        try fixture.csv(rows: 10, from: 0).write(
            toFile: tree.path("stage/target.csv"), atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: tree.path("inbox/link.csv"), withDestinationPath: tree.path("stage/target.csv"))
        try FileManager.default.createDirectory(
            atPath: tree.path("inbox/folder.csv"), withIntermediateDirectories: false)
        try Self.writeLongLine(to: tree.path("stage/long-line.csv"), megabytes: 100)
        try FileManager.default.moveItem(
            atPath: tree.path("stage/long-line.csv"), toPath: tree.path("inbox/long-line.csv"))
        let bad = [
            "empty.csv", "folder.csv", "invalid-utf8.csv", "junk.csv", "link.csv", "long-line.csv",
            "missing-columns.csv",
        ]

        let good = (0..<3).map { "good-\($0).csv" }
        for (index, name) in good.enumerated() {
            try tree.drop(name, fixture.csv(rows: 20, from: 500 + index * 20))
        }
        // Every input gets a manifest, a failed one too.
        try await tree.waitForManifests(good.count + bad.count, timeout: .seconds(90))
        try await Poll.until("every bad input is in var/failed", timeout: .seconds(60)) {
            Set(tree.names(in: "var/failed")).isSuperset(of: bad)
        }

        let manifests = try tree.manifests().values
        let scored = manifests.filter { $0["outcome"] as? String == "scored" }
        let failed = manifests.filter { $0["outcome"] as? String == "failed" }
        #expect(scored.compactMap(\.inputName).sorted() == good)
        #expect(failed.compactMap(\.inputName).sorted() == bad)
        for manifest in failed {
            let failure = manifest["failure"] as? [String: Any]
            #expect(failure?["moved_to"] as? String == "var/failed/\(manifest.inputName ?? "")", "\(manifest)")
        }
        #expect(tree.names(in: "var/failed") == (bad + bad.map { "\($0).error.json" }).sorted())
        for name in bad {
            let data = try Data(contentsOf: URL(fileURLWithPath: tree.path("var/failed/\(name).error.json")))
            let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let reason = report["reason"] as? String ?? ""
            #expect(report["input"] as? String == name)
            #expect(reason.count > 20, "\(name) fails with a reason a person can act on: \(reason)")
        }
        #expect(daemon.process.isRunning, "the daemon keeps serving")
        try tree.drop("after.csv", fixture.csv(rows: 20, from: 900))
        try await tree.waitForManifests(good.count + bad.count + 1, timeout: .seconds(30))

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    /// A file that is one line of `megabytes` MB: a column name and then digits, no newline anywhere.
    static func writeLongLine(to path: String, megabytes: Int) throws {
        _ = FileManager.default.createFile(atPath: path, contents: Data("CUST_ID".utf8))
        let handle = try FileHandle.closeOnExec(appendingTo: path)
        let chunk = Data(repeating: UInt8(ascii: "7"), count: 1_048_576)
        for _ in 0..<megabytes {
            try handle.write(contentsOf: chunk)
        }
        try handle.close()
    }
}
