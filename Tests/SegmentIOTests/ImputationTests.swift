import Testing
@testable import SegmentIO

/// Missing values are filled in (imputed) by the model; a JSONL key that no record has fails the file instead, as a
/// CSV header lacking the column does, and the summary counts the imputed values per column for the manifest.
@Suite("Imputation")
struct ImputationTests {
    @Test("a JSONL file in which a required key never appears fails, naming the key")
    func keyThatNoRecordHasFailsTheFile() throws {
        let error = recordError {
            _ = try scoreText("{\"id\":\"C1\",\"a\":1}\n{\"id\":\"C2\",\"a\":2}\n", ext: "jsonl")
        }
        #expect(error?.code == .missingColumns)
        #expect(error?.message.contains("has the key b.") == true, "\(String(describing: error))")
    }

    @Test("a key that some JSONL records leave out, or give as null, is imputed in those and counted")
    func keysLeftOutOfSomeRecordsAreImputedAndCounted() throws {
        let run = try scoreText(
            "{\"id\":\"C1\",\"a\":1}\n{\"id\":\"C2\",\"a\":null,\"b\":2}\n{\"id\":\"C3\",\"a\":3,\"B\":null}\n",
            ext: "jsonl")
        #expect(run.summary.rowsScored == 3)
        #expect(run.summary.imputed == ["a": 1, "b": 2])
    }

    @Test("empty CSV fields are counted per column; a column with none is left out")
    func emptyCSVFieldsAreCounted() throws {
        let run = try scoreText("id,a,b\nC1,,2\nC2,,3\nC3,1,4\nC4,x,5\n")
        #expect(run.summary.rowsScored == 3)
        #expect(run.summary.imputed == ["a": 2])
    }

    @Test("a JSONL file whose every record is rejected fails for its records, not for keys")
    func rejectedRecordsDoNotCountAsMissingKeys() throws {
        let run = try scoreText("{\"id\":null}\nnot json\n", ext: "jsonl")
        #expect(run.summary.rowsRejected == 2)
    }
}
