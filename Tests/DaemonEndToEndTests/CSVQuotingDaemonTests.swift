import Foundation
import Testing

/// The daemon reads CSV by the same rule as `segmentd score`: a stray quote rejects its own record only, and the
/// manifest counts the records that rule sees (issue 13, defect 1).
extension DaemonEndToEndTests {
    @Test("a stray quote in row 3 of 10,000: the manifest says 10,000 read, 9,999 scored, 1 rejected")
    func strayQuoteIsOneRejectInTheManifest() async throws {
        let tree = try DaemonTree()
        let fixture = tree.fixture
        var text = fixture.header + ",NOTE\n"
        for index in 0..<10_000 {
            text += fixture.rows[index % fixture.rows.count] + (index == 2 ? ",bought 5\" screen\n" : ",ok\n")
        }
        // And a file whose last record opens a quote it never closes.
        var open = fixture.header + ",NOTE\n"
        for index in 0..<20 { open += fixture.rows[index] + ",ok\n" }
        open += fixture.rows[20] + ",\"never closed\n"
        try tree.renameIn("notes.csv", text)
        try tree.renameIn("open.csv", open)
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit(timeout: .seconds(120)) == 0, "\(once.log)")

        let manifests = try tree.manifests()
        let rows = try #require(manifests["notes.manifest.json"]?["rows"] as? [String: Any], "\(manifests.keys)")
        #expect(rows["read"] as? Int == 10_000)
        #expect(rows["scored"] as? Int == 9_999)
        #expect(rows["rejected"] as? Int == 1)
        let rejects = try String(contentsOfFile: tree.path("outbox/notes.rejects.csv"), encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 2)
        #expect(rejects.contains("\n4,NOTE,\"bare quote in unquoted field"))
        let scored = try String(contentsOfFile: tree.path("outbox/notes.scored.csv"), encoding: .utf8)
        #expect(scored.split(separator: "\n").count == 10_000)

        let openRows = try #require(manifests["open.manifest.json"]?["rows"] as? [String: Any])
        #expect(openRows["read"] as? Int == 21)
        #expect(openRows["scored"] as? Int == 20)
        #expect(openRows["rejected"] as? Int == 1)
        #expect(tree.names(in: "var/failed").isEmpty)
        tree.remove()
    }
}
