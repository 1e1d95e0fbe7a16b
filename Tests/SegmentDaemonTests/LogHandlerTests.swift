import Foundation
import Logging
import Testing
@testable import SegmentDaemon

@Suite("Log handler")
struct LogHandlerTests {
    private final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    @Test("JSON format writes one parseable object per line with metadata at the top level")
    func jsonLinesParse() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .json, output: lines.append)
        }

        logger.info("file scored", metadata: ["file": "a \"quoted\".csv", "rows": "12"])

        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["message"] == "file scored")
        #expect(object["level"] == "info")
        #expect(object["label"] == "segmentd")
        #expect(object["file"] == "a \"quoted\".csv")
        #expect(object["rows"] == "12")
        #expect(!line.contains("\n"))
    }

    @Test("text format writes sorted key=value pairs, quoting values with spaces")
    func textLine() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .text, output: lines.append)
        }

        logger.warning("file failed", metadata: ["reason": "header missing", "file": "b.csv"])

        let line = try #require(lines.all.first)
        #expect(line.hasSuffix(" warning segmentd: file failed file=b.csv reason=\"header missing\""))
    }

    @Test("the per-file log line carries name, outcome, rows, rejects and duration")
    func perFileLine() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .json, output: lines.append)
        }

        JobLog.record(
            .scored(ProcessedCounts(rowsRead: 10, rowsScored: 8, rowsRejected: 2), manifest: "a.manifest.json"),
            file: "a.csv", duration: .milliseconds(1234), logger: logger
        )

        let line = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["file"] == "a.csv")
        #expect(object["outcome"] == "scored")
        #expect(object["rows"] == "10")
        #expect(object["rejects"] == "2")
        #expect(object["duration_ms"] == "1234")
    }
}
