import Testing
@testable import SegmentIO

/// Each malformed case of the CSV rule, read with the default chunking and with tiny chunks.
@Suite("CSV quoting rule")
struct CSVQuotingRuleTests {
    static let tiny = ScoreOptions(chunkBytes: 3, piecesPerChunk: 2)

    @Test(
        "a bare quote in an unquoted field rejects that record alone; the records after it are read",
        arguments: [ScoreOptions(), tiny])
    func bareQuoteRejectsOnlyItsRecord(_ options: ScoreOptions) throws {
        let run = try scoreText("id,note,a,b\nC1,5\" screen,1,2\nC2,12\" screen,3,4\nC3,ok,5,6\n", options: options)
        #expect(run.summary.rowsRead == 3)
        #expect(run.summary.rowsScored == 1)
        #expect(
            run.rejectRows.map { [$0[0], $0[1], $0[3]] } == [
                ["2", "note", "C1,5\" screen,1,2"],
                ["3", "note", "C2,12\" screen,3,4"],
            ])
        #expect(run.rejectRows.allSatisfy { $0[2].hasPrefix("bare quote in unquoted field") })
        #expect(run.outputLines.dropFirst().map { $0.prefix(11) } == ["C3,ok,5,6,0"])
    }

    @Test(
        "quotes after a fault on the same line open nothing: the record still ends at its line feed",
        arguments: [ScoreOptions(), tiny])
    func quotesAfterAFaultAreIgnored(_ options: ScoreOptions) throws {
        let run = try scoreText("id,note,a,b\nC1,5\" x,\"1\n2\nC3,ok,5,6\n", options: options)
        // C1's line is the faulty record; `2` is a record of its own (one field); C3 is read.
        #expect(run.summary.rowsRead == 3)
        #expect(run.rejectRows.map { $0[0] } == ["2", "3"])
        #expect(run.rejectRows[1][2] == "expected 4 fields as in the header but found 1")
        #expect(run.summary.rowsScored == 1)
    }

    @Test(
        "text after a closing quote rejects the record, which ends at its line feed",
        arguments: [ScoreOptions(), tiny])
    func textAfterClosingQuoteEndsAtTheLineFeed(_ options: ScoreOptions) throws {
        let run = try scoreText("id,note,a,b\nC1,\"a\"b,1,2\nC2,\"a\" \"b\",1,2\nC3,\"ok\" ,5,6\n", options: options)
        #expect(run.rejectRows.map { [$0[0], $0[1]] } == [["2", "note"], ["3", "note"]])
        #expect(run.rejectRows.allSatisfy { $0[2].hasPrefix("the field is not correctly quoted") })
        #expect(run.summary.rowsScored == 1)
    }

    @Test(
        "a quoted field spanning lines, with doubled quotes and CR LF inside, is one record",
        arguments: [ScoreOptions(), tiny])
    func quotedFieldSpanningLinesKeepsWorking(_ options: ScoreOptions) throws {
        let run = try scoreText(
            "id,note,a,b\r\nC1, \"5\"\" screen,\r\nsecond \"\"line\"\"\" ,1,2\r\nC2,x,3,4\n",
            options: options)
        #expect(run.summary.rowsScored == 2)
        #expect(run.output.contains("C1, \"5\"\" screen,\r\nsecond \"\"line\"\"\" ,1,2,"))
    }

    @Test("a quote never closed is one reject holding the rest of the file", arguments: [ScoreOptions(), tiny])
    func unclosedQuoteAtTheEndIsOneReject(_ options: ScoreOptions) throws {
        let run = try scoreText("id,note,a,b\nC1,ok,1,2\nC2,\"open,1,2\nC3,x,1,2\n", options: options)
        #expect(run.summary.rowsRead == 2)
        #expect(
            run.rejectRows.map { [$0[0], $0[2], $0[3]] }
                == [["3", "a quoted field is never closed by a double quote", "C2,\"open,1,2\nC3,x,1,2"]])
    }

    @Test(
        "a record longer than the limit is one reject, cut, and the records after it are read",
        arguments: [
            ScoreOptions(maxRecordBytes: 40),
            ScoreOptions(chunkBytes: 5, piecesPerChunk: 3, maxRecordBytes: 40),
        ])
    func overlongRecordIsOneReject(_ options: ScoreOptions) throws {
        let long = "C2,\"" + String(repeating: "x\n", count: 100) + "\",1,2"
        let run = try scoreText("id,note,a,b\nC1,ok,1,2\n" + long + "\nC3,ok,5,6\n", options: options)
        #expect(run.summary.rowsRead == 3)
        #expect(run.summary.rowsScored == 2)
        #expect(run.rejectRows.first?[0] == "3")
        #expect(run.rejectRows.first?[3] == String(long.prefix(40)))
        #expect(run.rejectRows.first?[2].hasPrefix("the record is longer than 40 bytes") == true)
        // Line numbers after it count its line feeds.
        let c3 = try scoreText("id,note,a,b\nC1,ok,1,2\n" + long + "\nC3,bad,x,6\n", options: options)
        #expect(c3.rejectRows.last?[0] == "104")
    }

    @Test("a record of exactly the limit is read; one byte more is rejected")
    func limitIsExact() throws {
        let record = "C1,ok,1," + String(repeating: "2", count: 12)
        #expect(record.utf8.count == 20)
        for options in [ScoreOptions(maxRecordBytes: 20), ScoreOptions(chunkBytes: 2, maxRecordBytes: 20)] {
            #expect(try scoreText("id,note,a,b\n" + record + "\n", options: options).summary.rowsScored == 1)
            #expect(try scoreText("id,note,a,b\n" + record + "3\n", options: options).summary.rowsRejected == 1)
        }
    }

    @Test("a JSON line longer than the limit is one reject too")
    func overlongJSONLineIsOneReject() throws {
        let long = "{\"id\":\"C2\",\"note\":\"" + String(repeating: "y", count: 200) + "\",\"a\":1}"
        for options in [ScoreOptions(maxRecordBytes: 64), ScoreOptions(chunkBytes: 7, maxRecordBytes: 64)] {
            let run = try scoreText(
                "{\"id\":\"C1\",\"a\":1,\"b\":0}\n" + long + "\n{\"id\":\"C3\",\"a\":2}\n", ext: "jsonl",
                options: options)
            #expect(run.summary.rowsRead == 3)
            #expect(run.summary.rowsScored == 2)
            #expect(run.rejectRows.first?[0] == "2")
            #expect(run.rejectRows.first?[3] == String(long.prefix(64)))
        }
    }

    @Test("the header follows the same rule: a bare quote in it fails the file")
    func headerWithBareQuoteFails() {
        let error = recordError { _ = try scoreText("id,no\"te,a,b\nC1,x,1,2\n") }
        #expect(error?.code == .invalidHeader)
    }

    @Test("a quoted header after a byte-order mark can span lines")
    func quotedHeaderAfterByteOrderMark() throws {
        let run = try scoreText("\u{FEFF}\"multi\nline\",id,a,b\nx,C1,1,2\n", options: Self.tiny)
        #expect(run.summary.rowsScored == 1)
        #expect(run.outputLines.first == "\"multi")
    }
}
