import Testing
@testable import SegmentIO

@Suite("CSV scoring")
struct CSVScoringTests {
    let scorer = TwoPointScorer()

    @Test func appendsScoringColumnsToHeaderAndEveryRecord() throws {
        let run = try scoreText("id,a,b\nC1,1,2\nC2,9,19.5\n")
        #expect(
            run.outputLines == [
                "id,a,b,segment_id,segment_name,confidence,distance,model_version",
                "C1,1,2" + scorer.expectedSuffix([1, 2]),
                "C2,9,19.5" + scorer.expectedSuffix([9, 19.5]),
            ])
        #expect(run.summary.rowsRead == 2)
        #expect(run.summary.rowsScored == 2)
        #expect(run.summary.rowsRejected == 0)
        #expect(run.rejects == "line,column,reason,record\n")
    }

    @Test func quotedNumbersAndIdsAreUnquotedForScoringButCopiedVerbatim() throws {
        let run = try scoreText("id,a,b\n\"C1\",\"1.5\",\" 2 \"\n")
        #expect(run.outputLines[1] == "\"C1\",\"1.5\",\" 2 \"" + scorer.expectedSuffix([1.5, 2]))
        #expect(run.summary.rowsScored == 1)
    }

    @Test func doubledQuotesInsideQuotedFieldsAreKeptVerbatim() throws {
        let run = try scoreText("id,note,a,b\nC1,\"say \"\"hi\"\"\",1,2\n")
        #expect(run.outputLines[1] == "C1,\"say \"\"hi\"\"\",1,2" + scorer.expectedSuffix([1, 2]))
        #expect(run.summary.rowsRejected == 0)
    }

    @Test func embeddedCommaInQuotedFieldDoesNotSplitIt() throws {
        let run = try scoreText("id,note,a,b\nC1,\"x, y, z\",3,4\n")
        #expect(run.outputLines[1] == "C1,\"x, y, z\",3,4" + scorer.expectedSuffix([3, 4]))
        #expect(run.summary.rowsRejected == 0)
    }

    @Test func embeddedNewlineKeepsRecordWholeAndLaterLineNumbersRight() throws {
        let run = try scoreText("id,note,a,b\nC1,\"two\nlines\",1,2\nC2,plain,oops,2\n")
        #expect(run.output.contains("C1,\"two\nlines\",1,2" + scorer.expectedSuffix([1, 2]) + "\n"))
        #expect(run.rejectRows.count == 1)
        #expect(run.rejectRows.first?[0] == "4")
        #expect(run.rejectRows.first?[1] == "a")
    }

    @Test func crlfLineEndingsAreAcceptedAndNotCopied() throws {
        let run = try scoreText("id,a,b\r\nC1,1,2\r\nC2,,\r\n")
        #expect(
            run.outputLines == [
                "id,a,b,segment_id,segment_name,confidence,distance,model_version",
                "C1,1,2" + scorer.expectedSuffix([1, 2]),
                "C2,," + scorer.expectedSuffix([.nan, .nan]),
            ])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let run = try scoreBytes([0xEF, 0xBB, 0xBF] + Array("id,a,b\nC1,1,2\n".utf8))
        #expect(run.outputLines.first == "id,a,b,segment_id,segment_name,confidence,distance,model_version")
        #expect(run.summary.rowsScored == 1)
    }

    @Test func headerNamesMatchIgnoringCaseAndSurroundingSpaces() throws {
        let run = try scoreText(" ID ,A,  b\nC1,1,2\n")
        #expect(run.outputLines[1] == "C1,1,2" + scorer.expectedSuffix([1, 2]))
    }

    @Test func extraColumnsPassThroughByteForByte() throws {
        let record = "  spaced  ,C1,\"q,\"\"x\"\"\",1,2,,tail \u{e9}"
        let run = try scoreText("pre,id,quoted,a,b,empty,post\n\(record)\n")
        #expect(run.outputLines[1] == record + scorer.expectedSuffix([1, 2]))
    }

    @Test func columnsMayComeInAnyOrder() throws {
        let run = try scoreText("b,note,a,id\n2,x,1,C1\n")
        #expect(run.outputLines[1] == "2,x,1,C1" + scorer.expectedSuffix([1, 2]))
    }

    @Test func emptyFieldsAreMissingValues() throws {
        let run = try scoreText("id,a,b\nC1,,5\n")
        #expect(run.outputLines[1] == "C1,,5" + scorer.expectedSuffix([.nan, 5]))
    }

    @Test func nonNumericValueIsRejectedWithLineColumnAndReason() throws {
        let run = try scoreText("id,a,b\nC1,1,2\nC2,12abc,3\nC3,4,5\n")
        #expect(run.summary.rowsScored == 2)
        #expect(run.rejectRows == [["3", "a", "value \"12abc\" is not a number", "C2,12abc,3"]])
    }

    @Test func wrongFieldCountIsRejected() throws {
        let run = try scoreText("id,a,b\nC1,1\nC2,1,2,3\n")
        #expect(run.rejectRows.map { $0[0] } == ["2", "3"])
        #expect(run.rejectRows.map { $0[1] } == ["", ""])
        #expect(run.rejectRows[0][2] == "expected 3 fields as in the header but found 2")
        #expect(run.rejectRows[1][2] == "expected 3 fields as in the header but found 4")
    }

    @Test func missingOrBlankIdIsRejected() throws {
        let run = try scoreText("ID,a,b\n,1,2\n  ,1,2\n\"\",1,2\nC4,1,2\n")
        #expect(run.rejectRows.map { $0[0] } == ["2", "3", "4"])
        #expect(run.rejectRows.allSatisfy { $0[1] == "ID" && $0[2].contains("no value") })
        #expect(run.summary.rowsScored == 1)
    }

    @Test func rejectedRecordIsCopiedRawAndCSVEscaped() throws {
        let run = try scoreText("id,note,a,b\nC1,\"a \"\"b\"\", c\",x,2\n")
        #expect(run.rejectRows.first?[3] == "C1,\"a \"\"b\"\", c\",x,2")
    }

    @Test func blankLinesAreNotRecordsButCountAsLines() throws {
        let run = try scoreText("id,a,b\n\nC1,1,2\n\r\nC2,bad,2\n\n")
        #expect(run.summary.rowsRead == 2)
        #expect(run.rejectRows.first?[0] == "5")
        #expect(run.outputLines.count == 2)
    }

    @Test func lastRecordWithoutLineFeedIsScored() throws {
        let run = try scoreText("id,a,b\nC1,1,2")
        #expect(
            run.outputLines == [
                "id,a,b,segment_id,segment_name,confidence,distance,model_version",
                "C1,1,2" + scorer.expectedSuffix([1, 2]),
            ])
    }

    @Test func unterminatedQuoteAtEndOfFileRejectsThatRecordOnly() throws {
        let run = try scoreText("id,note,a,b\nC1,ok,1,2\nC2,\"open,1,2\nC3,x,1,2\n")
        #expect(run.summary.rowsScored == 1)
        #expect(run.rejectRows.count == 1)
        #expect(run.rejectRows.first?[0] == "3")
        #expect(run.rejectRows.first?[2] == "a quoted field is never closed by a double quote")
    }

    @Test func textAfterClosingQuoteInANumericFieldIsRejected() throws {
        let run = try scoreText("id,a,b\nC1,\"1\"2,3\n")
        #expect(run.rejectRows.first?[1] == "a")
        #expect(run.rejectRows.first?[2].contains("not correctly quoted") == true)
    }

    @Test func numberTooLargeForADoubleIsRejected() throws {
        let run = try scoreText("id,a,b\nC1,1e400,3\n")
        #expect(run.rejectRows.first?[2] == "value \"1e400\" is too large for a 64-bit floating-point number")
    }

    @Test func headerOnlyFileWritesHeaderAndNoRows() throws {
        let run = try scoreText("id,a,b\n")
        #expect(run.outputLines == ["id,a,b,segment_id,segment_name,confidence,distance,model_version"])
        #expect(run.summary.rowsRead == 0)
    }

    @Test func idColumnMayAlsoBeAnInputColumn() throws {
        let numericID = TwoPointScorer(idColumn: "a")
        let run = try scoreText("a,b\n3,4\n,4\n", scorer: numericID)
        #expect(run.outputLines[1] == "3,4" + numericID.expectedSuffix([3, 4]))
        #expect(run.rejectRows.count == 1)
    }

    @Test func progressIsReportedWithTheWholeFileAtTheEnd() throws {
        let directory = TemporaryDirectory()
        let rows = (0..<2000).map { "C\($0),\($0),1.5\n" }.joined()
        let input = directory.file("in.csv", "id,a,b\n" + rows)
        let reports = ProgressLog()
        let summary = try FileScorer.score(
            input: input, output: directory.path("out.csv"),
            rejects: directory.path("rej.csv"), scorer: scorer,
            options: ScoreOptions(chunkBytes: 4096, progressIntervalBytes: 8192),
            progress: { reports.append($0) })
        let seen = reports.all
        #expect(seen.count >= 3)
        #expect(seen.last?.bytesRead == summary.bytesRead)
        #expect(seen.last?.rowsRead == 2000)
        #expect(seen.last?.fraction == 1)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.bytesRead <= $1.bytesRead })
    }
}

/// Collects progress reports from the callback.
final class ProgressLog: @unchecked Sendable {
    private var reports: [ScoreProgress] = []
    func append(_ report: ScoreProgress) { reports.append(report) }
    var all: [ScoreProgress] { reports }
}
