import Foundation
import Logging
import Testing
@testable import SegmentDaemon

@Suite("Log escaping")
struct LogEscapingTests {
    private final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    @Test("text logs show line feeds, escape bytes and backslashes in names escaped and quoted")
    func textLogEscapesControlCharacters() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .text, output: lines.append)
        }

        logger.warning("file failed", metadata: ["file": "a\n2026-01-01 info segmentd: forged.csv"])
        logger.warning("file failed", metadata: ["file": "red\u{1B}[31m\u{7}.csv"])
        logger.warning("file failed", metadata: ["file": "back\\slash.csv"])

        let all = lines.all
        #expect(all.count == 3)
        #expect(all.allSatisfy { !$0.contains("\n") && !$0.unicodeScalars.contains { $0.value < 0x20 } })
        #expect(all[0].hasSuffix(#" file="a\n2026-01-01 info segmentd: forged.csv""#), "\(all[0])")
        #expect(all[1].hasSuffix(#" file="red\x1b[31m\x07.csv""#), "\(all[1])")
        #expect(all[2].hasSuffix(#" file="back\\slash.csv""#), "\(all[2])")
    }

    @Test("JSON logs keep names parseable and show the escape byte as JSON does")
    func jsonLogEscapesControlCharacters() throws {
        let lines = Lines()
        let logger = Logger(label: "segmentd") { label in
            DaemonLogHandler(label: label, format: .json, output: lines.append)
        }

        logger.warning("file failed", metadata: ["file": "red\u{1B}[31m.csv"])

        let line = try #require(lines.all.first)
        #expect(!line.unicodeScalars.contains("\u{1B}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["file"] == "red\u{1B}[31m.csv")
    }
}
