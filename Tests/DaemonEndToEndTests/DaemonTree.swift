import Foundation
import SegmentdTestSupport
import Testing

/// A fresh daemon working directory: `inbox/`, `outbox/`, `var/model.json`, `etc/segmentd.toml`, plus `stage/`
/// (same filesystem, outside the inbox) for files that are finished elsewhere and renamed in, and `log/`.
struct DaemonTree {
    let url: URL
    let fixture: Fixture

    /// Makes the tree; `settings` are extra `key = value` lines for `etc/segmentd.toml`.
    init(settings: [String] = []) throws {
        fixture = try Fixture.shared.get()
        url = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-daemon-e2e-\(UUID().uuidString)")
        for directory in ["inbox", "outbox", "var", "etc", "stage", "log"] {
            try FileManager.default.createDirectory(
                at: url.appendingPathComponent(directory), withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: fixture.modelPath, toPath: path("var/model.json"))
        try writeConfiguration(settings)
    }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    /// Deletes the tree, after handing its manifests to the schema check (``ManifestCollector``); a test calls it
    /// last, so a failing test leaves its tree behind to look at.
    func remove() {
        ManifestCollector.collect(outbox: path("outbox"))
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `settings` as `etc/segmentd.toml`. Unless they have an `[http]` table, the HTTP server listens on a
    /// port the system picks, so daemons of tests running at once never compete for the default port. Unless they
    /// set `model`, the daemon scores with the pinned file `var/model.json` (the shipped default is the registry's
    /// champion); the line goes after the given top-level keys, so their line numbers stay as written.
    func writeConfiguration(_ settings: [String]) throws {
        let http = settings.contains { $0.hasPrefix("[http]") } ? [] : ["[http]", "listen = \"127.0.0.1:0\""]
        var lines = settings
        if !settings.contains(where: { $0.hasPrefix("model ") || $0.hasPrefix("model=") }) {
            let tableStart = lines.firstIndex { $0.hasPrefix("[") } ?? lines.endIndex
            lines.insert("model = \"var/model.json\"", at: tableStart)
        }
        try ((lines + http).joined(separator: "\n") + "\n").write(
            toFile: path("etc/segmentd.toml"), atomically: true, encoding: .utf8)
    }

    /// Writes `text` straight into `inbox/name` (one open, one write, one close).
    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).writeCloseOnExec(toFile: path("inbox/\(name)"))
    }

    /// Writes `text` in `stage/` and renames it into `inbox/name`, so it appears complete.
    func renameIn(_ name: String, _ text: String) throws {
        try renameIn(name, Data(text.utf8))
    }

    /// Writes `bytes` in `stage/` and renames them into `inbox/name`.
    func renameIn(_ name: String, _ bytes: Data) throws {
        try bytes.writeCloseOnExec(toFile: path("stage/\(name)"))
        try FileManager.default.moveItem(atPath: path("stage/\(name)"), toPath: path("inbox/\(name)"))
    }

    /// Every entry of `relative`, hidden ones included, sorted; empty when the directory does not exist.
    func names(in relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Outbox manifests by file name, decoded as JSON objects.
    func manifests() throws -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        for name in names(in: "outbox") where name.hasSuffix(".manifest.json") && !name.hasPrefix(".") {
            let data = try Data(contentsOf: URL(fileURLWithPath: path("outbox/\(name)")))
            result[name] = try #require(
                try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is not a JSON object")
        }
        return result
    }

    /// Final-named manifests in the outbox.
    var manifestCount: Int { names(in: "outbox").filter { $0.hasSuffix(".manifest.json") && !$0.hasPrefix(".") }.count }

    /// True when nothing waits in the inbox or the work directory.
    var isDrained: Bool { names(in: "inbox").isEmpty && names(in: "var/work").isEmpty }

    /// The name of the file ``dropLastFileAndWait(_:timeout:)`` drops.
    static let lastFileName = "zz-last.csv"

    /// Drops one more file and waits until it is published and archived. A file is ready only once it has
    /// settled for min_age, and ready files are taken oldest first: once this one is done, a file queued before it
    /// (an earlier file taken a second time) has been taken too, so checks that nothing was processed twice made
    /// after this cannot pass merely because they looked too early.
    func dropLastFileAndWait(_ text: String, timeout: Duration) async throws {
        try drop(Self.lastFileName, text)
        let manifest = Self.lastFileName.replacingOccurrences(of: ".csv", with: ".manifest.json")
        try await Poll.until("the last file dropped is published", timeout: timeout, every: .milliseconds(50)) {
            names(in: "outbox").contains(manifest) && names(in: "var/archive").contains(Self.lastFileName)
        }
    }

    /// Waits until `count` manifests are published and the inbox and work directory are empty.
    func waitForManifests(_ count: Int, timeout: Duration) async throws {
        try await Poll.until(
            "\(count) manifests are published and inbox/work are empty", timeout: timeout, every: .milliseconds(100)
        ) {
            manifestCount >= count && isDrained
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    /// The manifest's `input.name`.
    var inputName: String? { (self["input"] as? [String: Any])?["name"] as? String }

    /// The manifest without the two fields that differ between runs.
    var withoutTimestamps: NSDictionary {
        var copy = self
        copy["started_at"] = nil
        copy["finished_at"] = nil
        return copy as NSDictionary
    }
}
