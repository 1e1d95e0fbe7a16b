import Testing
@testable import SegmentIO

@Suite("JSONL scoring")
struct JSONLScoringTests {
    let scorer = TwoPointScorer()

    @Test func appendsScoringKeysBeforeTheClosingBrace() throws {
        let run = try scoreText(
            "{\"id\":\"C1\",\"a\":1,\"b\":2}\n{ \"id\" : \"C2\" , \"a\" : 9.5 , \"b\" : 19 }\n",
            ext: "jsonl")
        #expect(
            run.outputLines == [
                "{\"id\":\"C1\",\"a\":1,\"b\":2" + scorer.expectedSuffix([1, 2], json: true),
                "{ \"id\" : \"C2\" , \"a\" : 9.5 , \"b\" : 19 " + scorer.expectedSuffix([9.5, 19], json: true),
            ])
        #expect(run.summary.rowsScored == 2)
    }

    @Test func numericStringsAreNumbers() throws {
        let run = try scoreText("{\"id\":\"C1\",\"a\":\"1.5\",\"b\":\" 2e1 \"}\n", ext: "ndjson")
        #expect(run.outputLines[0].hasSuffix(scorer.expectedSuffix([1.5, 20], json: true)))
    }

    @Test func nullEmptyStringAndAbsentKeysAreMissing() throws {
        let run = try scoreText("{\"id\":\"C1\",\"a\":null,\"b\":\"\"}\n{\"id\":\"C2\"}\n", ext: "jsonl")
        #expect(run.outputLines[0].hasSuffix(scorer.expectedSuffix([.nan, .nan], json: true)))
        #expect(run.outputLines[1] == "{\"id\":\"C2\"" + scorer.expectedSuffix([.nan, .nan], json: true))
    }

    @Test func keysMatchIgnoringCase() throws {
        let run = try scoreText("{\"ID\":\"C1\",\"A\":3,\"b\":4}\n", ext: "jsonl")
        #expect(run.outputLines[0].hasSuffix(scorer.expectedSuffix([3, 4], json: true)))
    }

    @Test func nestedValuesInExtraKeysAreSkippedAndKeptVerbatim() throws {
        let line =
            "{\"meta\":{\"x\":[1,{\"y\":\"}]\\\"\"}],\"z\":null},\"id\":\"C1\",\"tags\":[\"a\",\"b\"],"
            + "\"ok\":true,\"a\":1,\"b\":2,\"s\":\"text \\u00e9 \\\"q\\\"\"}"
        let run = try scoreText(line + "\n", ext: "jsonl")
        #expect(run.outputLines == [String(line.dropLast()) + scorer.expectedSuffix([1, 2], json: true)])
    }

    @Test func escapedKeysAndIdsAreDecoded() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("t.jsonl", "{\"\\u0069d\":\"C\\\"1\",\"\\u0041\":1,\"b\":2}\n")
        let table = try TrainingTable.load(path: path, idColumn: "id", columns: ["a", "b"])
        #expect(table.ids == ["C\"1"])
        #expect(table.values == [1, 2])
    }

    @Test func numericIdIsAccepted() throws {
        let run = try scoreText("{\"id\":12345,\"a\":1,\"b\":2}\n", ext: "jsonl")
        #expect(run.summary.rowsScored == 1)
    }

    @Test func missingNullOrEmptyIdIsRejected() throws {
        let run = try scoreText(
            "{\"a\":1}\n{\"id\":null}\n{\"id\":\"\"}\n{\"id\":[1]}\n{\"id\":\"ok\",\"b\":null}\n", ext: "jsonl")
        #expect(run.rejectRows.map { $0[0] } == ["1", "2", "3", "4"])
        #expect(run.rejectRows.allSatisfy { $0[1] == "id" })
        #expect(run.rejectRows[3][2] == "the id is an array, not a string or a number")
        #expect(run.summary.rowsScored == 1)
    }

    @Test func nonNumericValuesAreRejectedWithKeyAndReason() throws {
        let run = try scoreText(
            "{\"id\":\"C1\",\"A\":\"12abc\"}\n{\"id\":\"C2\",\"b\":true}\n{\"id\":\"C3\",\"a\":{\"v\":1}}\n"
                + "{\"id\":\"C4\",\"a\":NaN}\n",
            ext: "jsonl")
        #expect(
            run.rejectRows.map { Array($0.prefix(3)) } == [
                ["1", "A", "value \"12abc\" is not a number"],
                ["2", "b", "value is true or false, not a number, a numeric string or null"],
                ["3", "a", "value is an object, not a number, a numeric string or null"],
                ["4", "a", "value \"NaN\" is not a number"],
            ])
    }

    @Test func unparseableLinesAreRejectedAndDoNotStopTheFile() throws {
        let lines = [
            "{\"id\":\"C1\",\"a\":1", "[1,2]", "{\"id\":\"C2\" \"a\":1}", "{\"id\":\"C3\",\"a\":1} x",
            "{\"id\":\"C4\",\"a\":\"open}", "{\"id\":\"C5\",\"a\":1,\"b\":2}",
        ]
        let run = try scoreText(lines.joined(separator: "\n") + "\n", ext: "jsonl")
        #expect(run.summary.rowsScored == 1)
        #expect(run.rejectRows.map { $0[0] } == ["1", "2", "3", "4", "5"])
        #expect(run.rejectRows.map { $0[3] } == Array(lines.prefix(5)))
        #expect(run.rejectRows.allSatisfy { $0[1].isEmpty && $0[2].hasPrefix("not a valid flat JSON object") })
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let run = try scoreText(
            "\n{\"id\":\"C1\",\"a\":1,\"b\":2}\n   \n\r\n{\"id\":\"C2\",\"a\":\"x\"}\n", ext: "jsonl")
        #expect(run.summary.rowsRead == 2)
        #expect(run.rejectRows.first?[0] == "5")
    }

    @Test func emptyObjectGetsKeysWithoutLeadingComma() throws {
        let numericID = TwoPointScorer(idColumn: "a")
        let run = try scoreText("{\"a\":3,\"b\":null}\n", ext: "jsonl", scorer: numericID)
        #expect(run.outputLines == ["{\"a\":3,\"b\":null" + numericID.expectedSuffix([3, .nan], json: true)])
        let empty = try scoreText("{}\n", ext: "jsonl")
        #expect(empty.rejectRows.first?[2].contains("no value") == true)
    }

    @Test func crlfAndTrailingSpacesAfterObjectAreAccepted() throws {
        let run = try scoreText("{\"id\":\"C1\",\"a\":1,\"b\":null}  \r\n", ext: "jsonl")
        #expect(
            run.outputLines == ["{\"id\":\"C1\",\"a\":1,\"b\":null" + scorer.expectedSuffix([1, .nan], json: true)])
    }
}
