import Testing
@testable import SegmentIO

@Suite("Whole-file failures")
struct RecordErrorTests {
    @Test func missingInputFileIsReported() {
        let directory = TemporaryDirectory()
        let error = recordError {
            _ = try FileScorer.score(
                input: directory.path("absent.csv"), output: directory.path("o.csv"),
                rejects: directory.path("r.csv"), scorer: TwoPointScorer())
        }
        #expect(error?.code == .fileNotFound)
        #expect(error?.message.contains("absent.csv") == true)
    }

    @Test func directoryAsInputIsUnreadable() {
        let directory = TemporaryDirectory()
        let folder = directory.path("folder.csv")
        try? FileManagerShim.makeDirectory(folder)
        let error = recordError {
            _ = try FileScorer.score(
                input: folder, output: directory.path("o.csv"), rejects: directory.path("r.csv"),
                scorer: TwoPointScorer())
        }
        #expect(error?.code == .unreadableFile)
    }

    @Test func missingColumnsAreAllNamed() {
        let scorer = TwoPointScorer(inputColumns: ["a", "b", "c"])
        let error = recordError { _ = try scoreTextTyped("id,b,x\nC1,1,2\n", scorer: scorer) }
        #expect(error?.code == .missingColumns)
        #expect(error?.message.contains("a, c") == true)
        #expect(
            error?.message.contains(#"column 1 "id", column 2 "b", column 3 "x""#) == true, "\(error?.message ?? "")")
    }

    @Test("the header shown for missing columns is cut to excerpts with digits masked: it may be a record")
    func missingColumnsShowOnlyExcerptsOfTheFirstLine() {
        let error = recordError { _ = try scoreTextTyped("C1001,4111111111111111,hunter2\nC2,1,2\n") }
        let message = error?.message ?? ""
        #expect(message.contains("column 1 \"C##…\", column 2 \"###…\", column 3 \"hun…\""), "\(message)")
        for secret in ["1001", "4111", "hunter2", "hunt"] { #expect(!message.contains(secret), "\(message)") }
    }

    @Test func missingIdColumnIsNamed() {
        let error = recordError { _ = try scoreTextTyped("key,a,b\nC1,1,2\n") }
        #expect(error?.code == .missingColumns)
        #expect(error?.message.contains("lacks the column id.") == true)
    }

    @Test func emptyFileHasNoHeader() {
        #expect(recordError { _ = try scoreTextTyped("") }?.code == .emptyFile)
        #expect(recordError { _ = try scoreTextTyped("\n\r\n") }?.code == .emptyFile)
        #expect(recordError { _ = try scoreTextTyped("", ext: "jsonl") }?.code == .emptyFile)
        #expect(recordError { _ = try scoreTextTyped("\n  \n", ext: "jsonl") }?.code == .emptyFile)
    }

    @Test func invalidUTF8InHeaderIsReported() {
        let error = recordError {
            _ = try scoreBytesTyped(Array("id,a,b".utf8) + [0xFF, 0x0A] + Array("C1,1,2\n".utf8))
        }
        #expect(error?.code == .invalidHeader)
        #expect(error?.message.contains("byte 7") == true)
    }

    @Test func unknownExtensionIsRejectedWithSupportedOnesNamed() {
        let error = recordError { _ = try RecordFormat(path: "/data/customers.xlsx") }
        #expect(error?.code == .unknownFormat)
        #expect(error?.message.contains(".csv") == true)
        #expect((try? RecordFormat(path: "a/b.NDJSON")) == .jsonl)
        #expect((try? RecordFormat(path: "b.Csv")) == .csv)
        #expect(recordError { _ = try RecordFormat(path: "dir.csv/file") }?.code == .unknownFormat)
    }

    @Test func outputFormatMustMatchInputFormat() {
        let directory = TemporaryDirectory()
        let input = directory.file("in.csv", "id,a,b\nC1,1,2\n")
        let error = recordError {
            _ = try FileScorer.score(
                input: input, output: directory.path("out.jsonl"), rejects: directory.path("r.csv"),
                scorer: TwoPointScorer())
        }
        #expect(error?.code == .formatMismatch)
    }

    @Test func outputMayNotOverwriteInput() {
        let directory = TemporaryDirectory()
        let input = directory.file("in.csv", "id,a,b\nC1,1,2\n")
        let error = recordError {
            _ = try FileScorer.score(
                input: input, output: directory.path("./in.csv"), rejects: directory.path("r.csv"),
                scorer: TwoPointScorer())
        }
        #expect(error?.code == .sameInputAndOutput)
    }

    @Test func columnNamedTwiceIsAmbiguous() {
        let error = recordError { _ = try scoreTextTyped("id,a,A,b\nC1,1,2,3\n") }
        #expect(error?.code == .ambiguousColumn)
        #expect(error?.message.contains("columns 2 and 3") == true)
    }

    @Test func unwritableOutputIsReported() {
        let directory = TemporaryDirectory()
        let input = directory.file("in.csv", "id,a,b\nC1,1,2\n")
        let error = recordError {
            _ = try FileScorer.score(
                input: input, output: directory.path("missing/out.csv"),
                rejects: directory.path("r.csv"), scorer: TwoPointScorer())
        }
        #expect(error?.code == .unwritableFile)
    }

    @Test func overlongRecordIsOneRejectNotAFileFailure() throws {
        let body = "id,note,a,b\nC1,\"never closed," + String(repeating: "x,1,2\n", count: 400)
        let summary = try scoreTextTyped(
            body + "C2,ok,1,2\n" + String(repeating: "z", count: 10),
            options: ScoreOptions(chunkBytes: 64, maxRecordBytes: 1024))
        #expect(summary.rowsRead == 1)
        #expect(summary.rowsRejected == 1)
    }

    @Test func overlongHeaderStopsTheFileWithAHint() {
        let error = recordError {
            _ = try scoreTextTyped(
                "id,a,b," + String(repeating: "c", count: 2000) + "\nC1,1,2\n",
                options: ScoreOptions(chunkBytes: 64, maxRecordBytes: 1024))
        }
        #expect(error?.code == .recordTooLong)
        #expect(error?.message.contains("longer than 1024 bytes") == true)
    }

    @Test func invalidOptionsAreRejected() {
        let error = recordError { _ = try scoreTextTyped("id,a,b\n", options: ScoreOptions(chunkBytes: 0)) }
        #expect(error?.code == .invalidArgument)
    }
}

/// `scoreText` with the typed error, for `recordError`.
private func scoreTextTyped(
    _ text: String, ext: String = "csv", scorer: TwoPointScorer = TwoPointScorer(),
    options: ScoreOptions = ScoreOptions()
) throws(RecordError) -> ScoreSummary {
    try scoreBytesTyped(Array(text.utf8), ext: ext, scorer: scorer, options: options)
}

private func scoreBytesTyped(
    _ bytes: [UInt8], ext: String = "csv", scorer: TwoPointScorer = TwoPointScorer(),
    options: ScoreOptions = ScoreOptions()
) throws(RecordError) -> ScoreSummary {
    let directory = TemporaryDirectory()
    let input = directory.file("input.\(ext)", bytes: bytes)
    return try FileScorer.score(
        input: input, output: directory.path("output.\(ext)"),
        rejects: directory.path("rejects.csv"), scorer: scorer, options: options)
}
