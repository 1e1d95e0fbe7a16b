import Foundation
@testable import ScoringHost
import SegmentIO
import SegmentPlugin
import SegmentSupport
import SegmentdTestSupport
import Testing

/// The scoring host's two doors, a file stream and rows held in memory, run one path.
@Suite("scoring host doors")
struct HostDoorsTests {
    private func host(_ scratch: Scratch, pluginsDirectory: String = "etc/plugins.d", files: [String: String])
        throws -> ScoringHost
    {
        ScoringHost(
            scorer: SignScorer(), plugins: try pluginSet(files, in: scratch), pluginsDirectory: pluginsDirectory)
    }

    private func request(_ scratch: Scratch, input: String) -> FileScoringRequest {
        FileScoringRequest(
            input: scratch.file(input), output: scratch.file("out.csv"), format: .csv,
            rejects: scratch.file("out.rejects.csv"),
            inputName: input, digest: nil, artifactPath: { [path = scratch.path] in path + "/out." + $0 })
    }

    @Test("the same rows through the file door and the batch door get the same segments and plugin columns")
    func bothDoorsAgree() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 40))
        let host = try host(
            scratch,
            files: ["tag": "enabled = true\norder = 2\n", "picky": "enabled = true\norder = 1\n"])
        let fileResult = try host.score(file: request(scratch, input: "in.csv"))
        let rows = (1...40).map { BatchRow(id: "c\($0)", values: [Double($0 % 2 == 0 ? $0 : -$0)]) }
        let batch = try host.score(rows: rows, name: "batch")

        let scored = CSVText.records(try #require(FileManager.default.contents(atPath: scratch.file("out.csv"))))
        let header = try #require(scored.first)
        let byID = Dictionary(uniqueKeysWithValues: scored.dropFirst().map { ($0[0], $0) })
        // `line` is the row's line in its input: a file has a header line, a batch does not.
        let compared = batch.pluginColumns.filter { $0 != "line" }
        #expect(batch.pluginColumns == ["checked", "score", "tag", "line"])
        var failed: [String] = []
        for (row, result) in zip(rows, batch.rows) {
            guard result.failure == nil else {
                failed.append(row.id)
                #expect(byID[row.id] == nil, "a row a plugin failed is not in the scored file")
                continue
            }
            let fields = try #require(byID[row.id])
            #expect(fields[try #require(header.firstIndex(of: "segment_id"))] == String(result.segmentID))
            #expect(fields[try #require(header.firstIndex(of: "segment_name"))] == result.segmentName)
            for name in compared {
                let value = result.pluginValues[try #require(batch.pluginColumns.firstIndex(of: name))]
                #expect(fields[try #require(header.firstIndex(of: name))] == Self.csvText(value), "column \(name)")
            }
        }
        #expect(failed == ["c7", "c17", "c27", "c37"])
        #expect(fileResult.rowsRejected == failed.count)
        #expect(fileResult.plugins.map(\.rowsFailed) == batch.plugins.map(\.rowsFailed))
        #expect(fileResult.plugins.map(\.name) == ["picky", "tag"])
    }

    @Test("a plugin that fails a file names its settings file in the configured plugins_dir")
    func failureNamesConfiguredDirectory() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 30))
        let host = try host(
            scratch, pluginsDirectory: "/srv/segmentd/plugins.custom",
            files: ["picky": "enabled = true\non_error = \"fail_file\"\n"])
        do {
            _ = try host.score(file: request(scratch, input: "in.csv"))
            Issue.record("the file was scored despite fail_file")
        } catch let error as RecordError {
            #expect(error.code == .pluginFailed)
            #expect(error.message.contains("/srv/segmentd/plugins.custom/picky.toml"))
            #expect(!error.message.contains("etc/plugins.d"))
        }
    }

    @Test("the file door hashes the input while reading it and returns its digest")
    func fileDoorReturnsTheDigest() throws {
        let scratch = try Scratch()
        let text = signCSV(rows: 12)
        try scratch.write("in.csv", text)
        let host = try host(scratch, files: ["tag": "enabled = true\n"])
        let result = try host.score(file: request(scratch, input: "in.csv"))
        #expect(result.inputDigest.sha256 == FileSHA256.hex(of: Array(text.utf8)))
        #expect(result.inputDigest.size == Int64(text.utf8.count))
    }

    /// A value as the file door writes it into a CSV field, unquoted (the test plugins' numbers are in float
    /// columns, their integers in integer columns).
    private static func csvText(_ value: PluginValue) -> String {
        let buffer = ByteBuffer(capacity: 64)
        let type: PluginColumnType
        switch value {
        case .number: type = .float
        case .integer: type = .integer
        case .flag: type = .boolean
        default: type = .string
        }
        PluginValueWriter.appendCSV(value, type: type, to: buffer)
        return CSVText.records(Data(buffer.bytes) + Data("\n".utf8)).first?.first ?? ""
    }
}
