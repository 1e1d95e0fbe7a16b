import Testing
@testable import SegmentIO

@Suite("Chunk invariance")
struct ChunkInvarianceTests {
    /// A CSV file with every awkward construct, repeated so records straddle many chunk boundaries.
    static let trickyCSV: String = {
        var text = "\u{FEFF}Note,ID,b,A,extra\r\n"
        for index in 0..<300 {
            switch index % 9 {
            case 0: text += "\"multi\nline \"\"quoted\"\"\",C\(index),\(index),1.5,x\n"
            case 1: text += "plain,C\(index),-\(index).25,2e3,y\r\n"
            case 2: text += "bad,C\(index),abc,1,z\n"
            case 3: text += "short,C\(index),1\n"
            case 4: text += "\n"
            case 5: text += "\"comma, inside\",\"C\(index)\",\" 7 \",,\"\"\n"
            case 6: text += "missing,,1,2,w\n"
            case 7: text += "\"a\"\"b\nc\nd\",C\(index),123456789012345678901,0.000001,\"e\r\nf\"\n"
            default: text += "tail,C\(index),1e-5,\"3\",v\n"
            }
        }
        return text + "last,C999,4,5,no-newline"
    }()

    static let trickyJSONL: String = {
        var text = ""
        for index in 0..<300 {
            switch index % 6 {
            case 0: text += "{\"id\":\"C\(index)\",\"a\":\(index),\"b\":\"2.5\",\"meta\":{\"n\":[1,2,{\"x\":\"}\"}]}}\n"
            case 1: text += "\n   \n"
            case 2: text += "{\"id\":\"C\(index)\",\"A\":true}\n"
            case 3: text += "{\"ID\":\"C\(index)\",\"b\":null,\"s\":\"esc \\\" \\\\ \\u00e9\"}\r\n"
            case 4: text += "{\"id\":\"C\(index)\",\"a\":1\n"
            default: text += "{\"id\":\(index),\"a\":-1e-3,\"b\":7}\n"
            }
        }
        return text
    }()

    static let layouts: [ScoreOptions] = [
        ScoreOptions(chunkBytes: 1, piecesPerChunk: 1),
        ScoreOptions(chunkBytes: 7, piecesPerChunk: 3),
        ScoreOptions(chunkBytes: 61, piecesPerChunk: 8),
        ScoreOptions(chunkBytes: 500, piecesPerChunk: 2),
        ScoreOptions(chunkBytes: 4096, piecesPerChunk: 16),
    ]

    @Test(arguments: layouts)
    func csvOutputAndRejectsAreIdenticalForAnyChunking(_ options: ScoreOptions) throws {
        let reference = try scoreText(Self.trickyCSV, options: ScoreOptions(chunkBytes: 1 << 20))
        let run = try scoreText(Self.trickyCSV, options: options)
        #expect(run.output == reference.output)
        #expect(run.rejects == reference.rejects)
        #expect(run.summary.rowsRead == reference.summary.rowsRead)
        #expect(reference.summary.rowsRejected > 0 && reference.summary.rowsScored > 0)
    }

    @Test(arguments: layouts)
    func jsonlOutputAndRejectsAreIdenticalForAnyChunking(_ options: ScoreOptions) throws {
        let reference = try scoreText(Self.trickyJSONL, ext: "jsonl", options: ScoreOptions(chunkBytes: 1 << 20))
        let run = try scoreText(Self.trickyJSONL, ext: "jsonl", options: options)
        #expect(run.output == reference.output)
        #expect(run.rejects == reference.rejects)
        #expect(reference.summary.rowsRejected > 0 && reference.summary.rowsScored > 0)
    }

    @Test(arguments: layouts)
    func observerSeesEveryInputByteOnceInOrder(_ options: ScoreOptions) throws {
        for (text, ext) in [(Self.trickyCSV, "csv"), (Self.trickyJSONL, "jsonl")] {
            let directory = TemporaryDirectory()
            let input = directory.file("input.\(ext)", text)
            let seen = ObservedBytes()
            _ = try FileScorer.score(
                input: input, output: directory.path("output.\(ext)"),
                rejects: directory.path("rejects.csv"), scorer: TwoPointScorer(), options: options,
                observer: { seen.append($0) })
            #expect(seen.bytes == Array(text.utf8), "\(ext)")
        }
    }

    @Test func rejectLineNumbersCountEmbeddedNewlinesAndBlankLines() throws {
        let run = try scoreText(Self.trickyCSV, options: ScoreOptions(chunkBytes: 13, piecesPerChunk: 4))
        // Split on bytes: a Swift Character treats CR LF as one, which would hide line breaks.
        func lines(_ text: String) -> [String] {
            text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0.last == UInt8(ascii: "\r") ? $0.dropLast() : $0, as: UTF8.self) }
        }
        let physicalLines = lines(Self.trickyCSV)
        #expect(run.rejectRows.count > 50)
        for row in run.rejectRows {
            let line = try #require(Int(row[0]))
            #expect(physicalLines[line - 1] == lines(row[3]).first, "line \(line)")
        }
    }

    @Test func trainingTableIsIdenticalForAnyChunking() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("t.csv", Self.trickyCSV)
        let reference = try TrainingTable.load(path: path, idColumn: "id", columns: ["a", "b"])
        for options in Self.layouts {
            let table = try TrainingTable.load(path: path, idColumn: "id", columns: ["a", "b"], options: options)
            #expect(table.ids == reference.ids)
            #expect(table.values.map(\.bitPattern) == reference.values.map(\.bitPattern))
            #expect(table.rejects == reference.rejects)
        }
    }
}

/// Collects what a `FileScorer` observer is shown.
private final class ObservedBytes: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []

    func append(_ piece: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: piece)
    }
}
