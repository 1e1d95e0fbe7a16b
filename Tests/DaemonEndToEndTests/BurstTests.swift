import Foundation
import Testing

/// The real `segmentd run` on temporary directories. Serialized: the machine has few cores and the timings are generous
/// but not unlimited.
@Suite("DaemonEndToEnd", .serialized)
struct DaemonEndToEndTests {
    @Test("1,000 small files dropped in a burst while serving are each processed exactly once")
    func burstOfSmallFilesIsProcessedExactlyOnce() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let names = (0..<1000).map { String(format: "burst-%04d.csv", $0) }
        for (index, name) in names.enumerated() {
            try tree.drop(name, tree.fixture.csv(rows: 5, from: index * 5))
        }
        try await tree.waitForManifests(names.count, timeout: .seconds(90))
        try await tree.dropLastFileAndWait(tree.fixture.csv(rows: 5, from: 5000), timeout: .seconds(30))
        let all = (names + [DaemonTree.lastFileName]).sorted()

        let manifests = try tree.manifests()
        #expect(manifests.count == all.count)
        #expect(manifests.values.compactMap(\.inputName).sorted() == all)
        #expect(manifests.values.allSatisfy { $0["outcome"] as? String == "scored" })
        #expect(manifests.values.allSatisfy { ($0["rows"] as? [String: Any])?["read"] as? Int == 5 })
        #expect(tree.names(in: "var/archive") == all)
        #expect(tree.isDrained)
        #expect(tree.names(in: "var/failed").isEmpty)
        #expect(tree.names(in: "outbox").filter { $0.hasPrefix(".") }.isEmpty)
        let scoredLines = daemon.log.split(separator: "\n").filter { $0.contains("file scored") }
        #expect(scoredLines.count == all.count, "one 'file scored' line per file")

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }
}
