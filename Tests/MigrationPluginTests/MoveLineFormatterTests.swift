import Foundation
@testable import MigrationPlugin
import Testing

@Suite struct MoveLineFormatterTests {
    private func lines(_ moves: [(id: String, confidence: Double, line: Int)]) -> [String] {
        let formatter = MoveLineFormatter(names: ["", "Big \"Tickets\"", "Risk"])
        let buffer = LineBuffer(capacity: 16)
        let ids = moves.map { Array($0.id.utf8) }
        let bytes = ids.flatMap { $0 }
        let starts = ids.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        bytes.withUnsafeBytes { bytes in
            formatter.write(count: moves.count, into: buffer) { index in
                MoveLineFormatter.Move(
                    customer: UnsafeRawBufferPointer(rebasing: bytes[starts[index]..<starts[index + 1]]),
                    from: 1, to: 2, direction: .downgrade,
                    confidence: moves[index].confidence, inputLine: moves[index].line)
            }
        }
        return String(decoding: buffer.bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func linesAreJSONWithEscapedTextAndTrimmedNumbers() {
        let written = lines([
            ("C1", 0.25, 2), ("a\"b\\c\nd", 1, 1_234_567_890), ("C3", 0.1234567, 7), ("C4", -0.0000001, 9),
        ])
        let prefix = #"{"customer_id":"#
        let middle = #","from":"Big \"Tickets\"","to":"Risk","direction":"downgrade","confidence":"#
        #expect(
            written == [
                prefix + #""C1""# + middle + #"0.25,"line":2}"#,
                prefix + #""a\"b\\c\nd""# + middle + #"1,"line":1234567890}"#,
                prefix + #""C3""# + middle + #"0.123457,"line":7}"#,
                prefix + #""C4""# + middle + #"0,"line":9}"#,
            ])
        for line in written {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line) parses as JSON")
        }
    }

    @Test func aLongIdGrowsTheBufferAndIsWrittenWhole() {
        let id = String(repeating: "\u{1}", count: 1_000)
        let written = lines([(id, 0.5, 1)])
        #expect(written.count == 1)
        #expect(written[0].contains(String(repeating: #"\u0001"#, count: 1_000)))
    }
}
