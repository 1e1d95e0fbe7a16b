import Foundation
import SegmentdTestSupport
import Testing

/// Every line `segmentd score` writes to a JSONL output is valid JSON: lines whose strings are not UTF-8, hold raw
/// control characters or lone surrogates, or whose numbers are not JSON numbers, are rejected rows instead.
@Suite(.serialized)
struct JSONLValidityTests {
    /// Lines that must be scored, and lines that must be rejected (with a word their reason must contain).
    static let good: [[UInt8]] = [
        Array(#"{"CUST_ID":"G1","BALANCE":10.5,"PURCHASES":-0.5e+3}"#.utf8),
        Array(
            #"{"CUST_ID":"G2","NOTE":{"a":[1,-0,0.25,1E9,"x\u00e9\ud83d\ude00",true,false,null,{}]},"TAGS":[]}"#.utf8),
        Array(#"{"CUST_ID":12,"BALANCE":"01","NOTE":"caf\#u{E9} \#u{1F600}"}"#.utf8),
        Array((#"{ "CUST_ID" : "G4" , "BALANCE" : 0 "# + everyOtherColumnNull + "}").utf8),
    ]
    /// Every other input column of the model, null: a JSONL file in which a column appears in no record fails.
    static let everyOtherColumnNull = [
        "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
        "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
        "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS",
        "PRC_FULL_PAYMENT", "TENURE",
    ].map { #", ""# + $0 + #"" : null"# }.joined()
    static let bad: [(line: [UInt8], reason: String)] = [
        (Array(#"{"CUST_ID":"A"#.utf8) + [0xFF] + Array(#"","BALANCE":1}"#.utf8), "UTF-8"),
        (Array(#"{"CUST_ID":"B1","NOTE":"caf"#.utf8) + [0xE9] + Array(#""}"#.utf8), "UTF-8"),
        (Array(#"{"CUST_ID":"B2","NOTE":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), "UTF-8"),
        (Array(#"{"CUST_ID":"B3","BALANCE":01}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B4","BALANCE":+1}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B5","BALANCE":.5}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B6","BALANCE":5.}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B7","BALANCE":-}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B8","BALANCE":1e}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B9","NOTE":01}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B10","NOTE":[1,02]}"#.utf8), "JSON"),
        (Array(#"{"CUST_ID":"B11","NOTE":tru}"#.utf8), "JSON"),
        (Array(#"{"CUST_ID":"B12","NOTE":"a"#.utf8) + [0x09] + Array(#"b"}"#.utf8), "control character"),
        (Array(#"{"CUST_ID":"\ud800"}"#.utf8), "surrogate"),
        (Array(#"{"CUST_ID":"B14","NOTE":"\udc00x"}"#.utf8), "surrogate"),
        (Array(#"{"CUST_ID":01}"#.utf8), "JSON number"),
        (Array(#"{"CUST_ID":"B16","NOTE":"\x"}"#.utf8), "escape"),
        (Array(#"{"CUST_ID":"B17","NOTE":{"a":1,}}"#.utf8), "JSON"),
    ]

    @Test(
        "JSONL lines with bad UTF-8, control bytes, lone surrogates, non-JSON numbers are rejected; output is JSON"
    )
    func everyScoredJSONLLineIsValidJSON() throws {
        let workspace = try CommandLineTests.trainedWorkspace()
        var input: [UInt8] = []
        var badLines: [Int: String] = [:]
        var line = 0
        for index in 0..<max(Self.good.count, Self.bad.count) {
            if index < Self.good.count {
                input += Self.good[index] + [0x0A]
                line += 1
            }
            if index < Self.bad.count {
                input += Self.bad[index].line + [0x0A]
                line += 1
                badLines[line] = Self.bad[index].reason
            }
        }
        try Data(input).write(to: URL(fileURLWithPath: workspace.path("batch.jsonl")))
        let outcome = try Segmentd.run(
            ["score", "batch.jsonl", "batch.scored.jsonl", "--model", "model.json"],
            in: workspace.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")

        let check = try Self.python(["-c", Self.strictJSONLines, workspace.path("batch.scored.jsonl")])
        #expect(check.status == 0, "Python's json module reads every output line: \(check.output)")
        #expect(
            check.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(Self.good.count)",
            "\(check.output)")

        let rejects = CSVText.records(
            try Data(contentsOf: URL(fileURLWithPath: workspace.path("batch.scored.rejects.csv"))))
        let byLine = Dictionary(rejects.dropFirst().map { ($0[0], $0[2]) }, uniquingKeysWith: { first, _ in first })
        #expect(byLine.count == Self.bad.count, "\(rejects)")
        for (line, word) in badLines {
            let reason = byLine[String(line)] ?? "(not rejected)"
            #expect(reason.contains(word), "line \(line): \(reason)")
        }
        #expect(outcome.stdout.contains("\(Self.good.count) scored"), "\(outcome.stdout)")
    }

    @Test(
        "property: whatever bytes are mutated into JSON lines, scored lines are valid JSON, each scored or rejected"
    )
    func mutatedLinesNeverGiveInvalidJSONOutput() throws {
        let workspace = try CommandLineTests.trainedWorkspace()
        let pieces: [[UInt8]] =
            [[0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]
            + [
                "+", ".", "0", "-", "e", "E", "\"", "\\", "\t", "\u{1}", ",", "}", "]", "[", "{", ":", " ", "x",
                #"\ud800"#, #"\udc00"#, #"\u00e9"#, #"\u12"#, "\u{7F}", "é", "tru", "null", "1e5",
            ].map { Array($0.utf8) }
        var random = SeededGenerator(seed: 13)
        var input: [UInt8] = []
        let count = 4_000
        for _ in 0..<count {
            var line = Self.good[Int(random.next() % UInt64(Self.good.count))]
            for _ in 0..<(1 + Int(random.next() % 3)) {
                let at = Int(random.next() % UInt64(line.count + 1))
                if random.next() % 4 == 0, at < line.count {
                    line.remove(at: at)
                } else {
                    line.insert(contentsOf: pieces[Int(random.next() % UInt64(pieces.count))], at: at)
                }
            }
            line.removeAll { $0 == 0x0A }
            input += line + [0x0A]
        }
        try Data(input).write(to: URL(fileURLWithPath: workspace.path("mutated.jsonl")))
        let outcome = try Segmentd.run(
            ["score", "mutated.jsonl", "mutated.scored.jsonl", "--model", "model.json"],
            in: workspace.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let check = try Self.python(["-c", Self.strictJSONLines, workspace.path("mutated.scored.jsonl")])
        #expect(check.status == 0, "Python's json module reads every output line: \(check.output)")
        let scored = Int(check.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let rejects = CSVText.records(
            try Data(contentsOf: URL(fileURLWithPath: workspace.path("mutated.scored.rejects.csv"))))
        #expect(scored + rejects.count - 1 == count, "\(scored) scored + \(rejects.count - 1) rejected")
        #expect(scored > count / 10 && rejects.count > count / 10, "both kinds occur: \(outcome.stdout)")
    }

    /// Reads the file as strict UTF-8, each line with `json.loads` (strict: no control characters in strings),
    /// requires an object, and prints the number of lines.
    static let strictJSONLines = """
        import json, sys
        count = 0
        with open(sys.argv[1], encoding="utf-8", errors="strict", newline="\\n") as f:
            for number, line in enumerate(f, 1):
                assert line.endswith("\\n"), f"line {number} has no line feed"
                value = json.loads(line)
                assert isinstance(value, dict), f"line {number} is not an object"
                count += 1
        print(count)
        """

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
