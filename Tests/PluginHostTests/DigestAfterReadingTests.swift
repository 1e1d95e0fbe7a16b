import Foundation
@testable import SegmentDaemon
@testable import segmentd
import SegmentPlugin
import Testing

/// With plugins enabled the daemon no longer hashes an input before scoring it: the plugins learn the digest after
/// the last row, and a plugin that needed it from the start gets the file again.
@Suite("plugins learn the digest after reading")
struct DigestAfterReadingTests {
    private func tree() throws -> PluginTree {
        var tree = try PluginTree(plugins: [
            "replay": "enabled = true\norder = 1\n", "notes": "enabled = true\norder = 2\n",
        ])
        tree.configuration.duplicates = .rescore
        tree.available = fakePlugins + [ReplayPlugin.self]
        return tree
    }

    private func column(_ name: String, of scored: Data?) throws -> [String] {
        let lines = String(decoding: try #require(scored), as: UTF8.self).split(separator: "\n").map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        let index = try #require(header.firstIndex(of: name))
        return lines.dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[index]
        }
    }

    @Test("new content is scored once, its plugins opened without the digest and told it before they finish")
    func newContentIsReadOnce() throws {
        let tree = try tree()
        let input = try ModelFixture.shared.get().csv(rows: 30)
        try tree.drop("first.csv", input)
        let outcome = FileJob(context: try tree.context(), source: .inbox(name: "first.csv")).run()
        guard case .scored = outcome else {
            Issue.record("not scored: \(outcome)")
            return
        }
        #expect(SessionJournal.shared.events(for: "first.csv") == ["replay open sha=later", "replay identify"])
        #expect(try column("seen", of: tree.outbox()["first.scored.csv"]) == Array(repeating: "first", count: 30))
        let manifest = try tree.manifest("first.manifest.json")
        let described = try #require(manifest["input"] as? [String: Any])
        #expect(described["sha256"] as? String == ContentDigest.sha256(of: Array(input.utf8)))
    }

    @Test("content a plugin finished before is scored again with the digest known, and only that pass is published")
    func seenContentIsScoredAgainWithTheDigest() throws {
        let tree = try tree()
        let input = try ModelFixture.shared.get().csv(rows: 30)
        try tree.drop("monday.csv", input)
        _ = FileJob(context: try tree.context(), source: .inbox(name: "monday.csv")).run()
        try tree.drop("again.csv", input)
        let outcome = FileJob(context: try tree.context(), source: .inbox(name: "again.csv")).run()
        guard case .scored = outcome else {
            Issue.record("not scored: \(outcome)")
            return
        }
        #expect(
            SessionJournal.shared.events(for: "again.csv")
                == ["replay open sha=later", "replay identify", "replay cancel", "replay open sha=known"])
        let outbox = tree.outbox()
        #expect(try column("seen", of: outbox["again.scored.csv"]) == Array(repeating: "again", count: 30))
        #expect(outbox["again.notes.jsonl"] == outbox["monday.notes.jsonl"], "the artifact holds the second pass only")
        let described = try #require(try tree.manifest("again.manifest.json")["input"] as? [String: Any])
        #expect(described["sha256"] as? String == ContentDigest.sha256(of: Array(input.utf8)))
    }
}
