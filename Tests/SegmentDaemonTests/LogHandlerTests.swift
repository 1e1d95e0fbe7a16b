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
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "a.csv")
        #expect(object["outcome"] as? String == "scored")
        #expect(line.contains(#""rows":10,"#) && line.contains(#""rejects":2,"#), "\(line)")
        #expect(line.contains(#""duration_ms":1234,"#), "\(line)")
        #expect((object["rows"] as? NSNumber)?.intValue == 10)
    }

    @Test("JSON logs write numbers as numbers, booleans as booleans, lists and dictionaries as JSON, text as text")
    func jsonValueTypes() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .json, output: lines.append)
        }

        logger.info(
            "typed",
            metadata: [
                "count": .stringConvertible(3), "share": .stringConvertible(0.25), "changed": .stringConvertible(true),
                "name": "12", "infinite": .stringConvertible(Double.infinity),
                "keys": .array([.string("a"), .string("b")]),
                "plugin": .dictionary(["name": .string("campaign"), "order": .stringConvertible(10)]),
            ])

        let line = try #require(lines.all.first)
        #expect(
            line.hasSuffix(
                #""message":"typed","changed":true,"count":3,"infinite":"inf","keys":["a","b"],"name":"12","#
                    + #""plugin":{"name":"campaign","order":10},"share":0.25}"#), "\(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["name"] as? String == "12", "a .string value stays text even when it looks like a number")
        #expect(object["keys"] as? [String] == ["a", "b"])
    }

    @Test("text logs write lists as [a,b] and dictionaries as {key=value}, quoted as a whole")
    func textCompositeValues() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .text, output: lines.append)
        }

        logger.info(
            "starting",
            metadata: [
                "keys": .array([.string("a"), .string("b")]), "count": .stringConvertible(3),
                "plugins": .array([.dictionary(["name": .string("campaign"), "order": .stringConvertible(10)])]),
            ])

        let line = try #require(lines.all.first)
        #expect(line.hasSuffix(#" starting count=3 keys=[a,b] plugins="[{name=campaign,order=10}]""#), "\(line)")
    }
}
