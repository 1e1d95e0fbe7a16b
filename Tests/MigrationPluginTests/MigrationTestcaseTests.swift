import Foundation
import MigrationPlugin
import SegmentPlugin
import Testing

/// Runs `plugins/migration/testcases/` the way the shared loop does (steps in order, one plugin instance, a
/// temporary state directory), so the cases are checked on this branch too. Every value the plugin adds is
/// text, so no number rendering is involved.
@Suite struct MigrationTestcaseTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("plugins/migration/testcases")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
    }

    @Test(arguments: cases)
    func testcasePasses(name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let config = try String(contentsOf: folder.appendingPathComponent("config.toml"), encoding: .utf8)
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory(), overrides: config)
        let steps = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("step") }
            .sorted { Int($0.dropFirst(4)) ?? 0 < Int($1.dropFirst(4)) ?? 0 }
        for step in steps.isEmpty ? [""] : steps {
            try runStep(plugin, folder: step.isEmpty ? folder : folder.appendingPathComponent(step), label: "\(name)/\(step)")
        }
    }

    private func runStep(_ plugin: MigrationPlugin, folder: URL, label: String) throws {
        let input = try String(contentsOf: folder.appendingPathComponent("input.csv"), encoding: .utf8)
        let rows = Self.records(input)
        let batch = ScoredBatch(
            lines: rows.map { Int($0[0]) ?? 0 }, customerIDs: rows.map { $0[1] }, segmentIDs: rows.map { Int($0[2]) ?? -1 },
            confidences: rows.map { Double($0[4]) ?? 0 }, distances: rows.map { Double($0[5]) ?? 0 },
            segmentNames: MigrationHarness.segmentNames)
        let file = PluginFile(name: "input.csv", sha256: Self.stableHash(input), modelVersion: "test", isTrial: false)
        let session = try plugin.openSession(for: file)
        var output = PluginColumns(columnCount: 2, rowCount: batch.count)
        try session.process(batch, into: &output)
        let writer = RecordingWriter()
        _ = try session.finish(artifacts: writer)

        var produced = ["line,previous_segment,migration,rejected"]
        for row in 0..<batch.count {
            let failure = output.failures[row]
            let values = failure == nil ? [output[row, 0], output[row, 1]].map(Self.render) : ["", ""]
            produced.append(([String(batch.lines[row])] + values + [failure ?? ""]).joined(separator: ","))
        }
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.csv"), encoding: .utf8)
        #expect(produced == Self.lines(expected), "\(label)")

        let artifact = folder.appendingPathComponent("artifacts/migrations.jsonl")
        if FileManager.default.fileExists(atPath: artifact.path) {
            let expectedLines = Self.lines(try String(contentsOf: artifact, encoding: .utf8))
            #expect(writer.lines["migrations.jsonl"] ?? [] == expectedLines, "\(label) artifact")
        }
    }

    private static func render(_ value: PluginValue) -> String {
        if case .text(let text) = value { return text }
        return ""
    }

    private static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    private static func records(_ csv: String) -> [[String]] {
        lines(csv).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// FNV-1a of the input's bytes in hex: the same content gives the same identity, as SHA-256 would.
    private static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
