import Foundation
import Testing
@testable import SegmentIO

/// The chunked, parallel CSV reader against the sequential reference (`CSVReference`) on random documents full of
/// quotes, commas, CR, LF, CR LF, byte-order marks, empty fields and malformed records, read with tiny chunks so
/// that chunk and piece boundaries fall everywhere, including inside quoted fields and inside faulty records.
@Suite("CSV reader agrees with the reference")
struct CSVReferenceAgreementTests {
    static let documentCount = 400

    @Test("random documents: same records, values, rejects and counts as the sequential reference, for any chunking")
    func chunkedReaderAgreesWithTheReferenceOnRandomDocuments() throws {
        var random = SplitMix(seed: 2026_12_04)
        var disagreements: [String] = []
        for number in 0..<Self.documentCount {
            let document = Self.document(&random)
            let limit = random.chance(0.3) ? Int.random(in: 24...160, using: &random) : 16 << 20
            let chunkSizes = [1, 2, 3, 5, 7, 16, 61, 200, 4096]
            let options = (0..<2).map { _ in
                ScoreOptions(
                    chunkBytes: chunkSizes.randomElement(using: &random)!,
                    piecesPerChunk: [1, 2, 3, 4, 8].randomElement(using: &random)!, maxRecordBytes: limit)
            }
            for option in options {
                if let problem = try Self.disagreement(document, options: option) {
                    disagreements.append(
                        "document \(number) (chunk \(option.chunkBytes), pieces "
                            + "\(option.piecesPerChunk), limit \(limit)): \(problem)\n"
                            + String(decoding: document, as: UTF8.self).debugDescription)
                }
            }
            if disagreements.count >= 3 { break }
        }
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n\n"))")
    }

    @Test("the generator makes the cases the rule is about")
    func generatedDocumentsCoverEveryMalformedCase() throws {
        var random = SplitMix(seed: 2026_12_04)
        var reasons: [String: Int] = [:]
        var multiLineRows = 0
        for _ in 0..<Self.documentCount {
            let document = Self.document(&random)
            let limit = random.chance(0.3) ? Int.random(in: 24...160, using: &random) : 16 << 20
            let reference = CSVReference(idColumn: "id", columns: ["a", "b"], limit: limit)
            guard let result = try? reference.read(document) else { continue }
            for reject in result.rejects { reasons[String(reject.reason.prefix(18)), default: 0] += 1 }
            multiLineRows += result.rows.count { $0.record.contains(UInt8(ascii: "\n")) }
        }
        for reason in [
            "bare quote in unqu", "the field is not c", "a quoted field is ", "the record is long",
            "expected 5 fields ", "the id column \"ID\"", "value \"abc\" is not",
        ] {
            #expect(reasons[reason, default: 0] >= 5, "\(reason): \(reasons)")
        }
        #expect(multiLineRows >= 20)
    }

    /// What differs between the reference and the real reader (training and scoring) for `document`, if anything.
    static func disagreement(_ document: [UInt8], options: ScoreOptions) throws -> String? {
        let reference = CSVReference(idColumn: "id", columns: ["a", "b"], limit: options.maxRecordBytes)
        let directory = TemporaryDirectory()
        let input = directory.file("input.csv", bytes: document)
        let expected: CSVReference.Result
        do {
            expected = try reference.read(document)
        } catch {
            let failed = recordError {
                _ = try TrainingTable.load(
                    path: input, idColumn: "id", columns: ["a", "b"],
                    options: options)
            }
            return failed == nil ? "the reference finds no usable header, the reader does" : nil
        }
        let table: TrainingTable
        do {
            table = try TrainingTable.load(path: input, idColumn: "id", columns: ["a", "b"], options: options)
        } catch {
            return "the reader failed the file: \(error)"
        }
        if table.ids != expected.rows.map({ String(decoding: $0.id, as: UTF8.self) }) {
            return "ids \(table.ids) != \(expected.rows.map { String(decoding: $0.id, as: UTF8.self) })"
        }
        if table.values.map(\.bitPattern) != expected.rows.flatMap(\.values).map(\.bitPattern) {
            return "values \(table.values) != \(expected.rows.flatMap(\.values))"
        }
        if table.rejects != expected.rejects { return "rejects \(table.rejects) != \(expected.rejects)" }
        if table.rowsRead != expected.recordsRead { return "rows read \(table.rowsRead) != \(expected.recordsRead)" }

        let scorer = TwoPointScorer()
        let summary = try FileScorer.score(
            input: input, output: directory.path("out.csv"),
            rejects: directory.path("rejects.csv"), scorer: scorer, options: options)
        var output = expected.header + Array(",segment_id,segment_name,confidence,distance,model_version\n".utf8)
        for row in expected.rows {
            output += row.record + Array((scorer.expectedSuffix(row.values) + "\n").utf8)
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.path("out.csv"))))
        if written != output {
            return "scored output differs:\n" + String(decoding: written, as: UTF8.self).debugDescription
        }
        if summary.rowsRead != expected.recordsRead || summary.rowsRejected != expected.rejects.count {
            return "score summary \(summary.rowsRead) read, \(summary.rowsRejected) rejected"
        }
        let rejectRows = parseCSV(try String(contentsOfFile: directory.path("rejects.csv"), encoding: .utf8))
        if rejectRows.count != expected.rejects.count + 1 { return "rejects file rows \(rejectRows.count - 1)" }
        return nil
    }

    // MARK: - Random documents

    /// A CSV document with the header `Note,ID,b,A,extra` in some spelling, then rows of every kind, then a few
    /// random mutations of the rows (stray quotes, commas, line breaks, deleted bytes, a cut end).
    static func document(_ random: inout SplitMix) -> [UInt8] {
        var text: [UInt8] = []
        if random.chance(0.2) { text += [0xEF, 0xBB, 0xBF] }
        if random.chance(0.1) { text += Array("\n".utf8) }
        let headers = [
            "Note,ID,b,A,extra", "\"Note\",ID,\"b\",A,extra", "Note, \"ID\" ,b,A ,extra",
            "\"No\"\"te\",\"I\nD\",b,a,extra",
        ]
        let header = random.chance(0.7) ? headers[0] : headers.randomElement(using: &random)!
        // A header with a line break inside a quoted name has no "ID" column: keep it rare.
        text += Array(header.utf8) + ending(&random)
        var body: [UInt8] = []
        for row in 0..<Int.random(in: 0...30, using: &random) {
            if random.chance(0.05) {
                body += ending(&random)
                continue
            }
            var fields = [
                freeText(&random), identifier(row, &random), number(&random), number(&random),
                freeText(&random),
            ]
            if random.chance(0.05) { fields.removeLast() }
            if random.chance(0.05) { fields.append("more") }
            body += Array(fields.joined(separator: ",").utf8) + ending(&random)
        }
        for _ in 0..<Int.random(in: 0...3, using: &random) where !body.isEmpty {
            mutate(&body, &random)
        }
        if random.chance(0.2), let last = body.last, last == UInt8(ascii: "\n") {
            body.removeLast()
            if body.last == UInt8(ascii: "\r") && random.chance(0.5) { body.removeLast() }
        }
        return text + body
    }

    static func ending(_ random: inout SplitMix) -> [UInt8] {
        random.chance(0.7) ? [UInt8(ascii: "\n")] : [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    }

    static func freeText(_ random: inout SplitMix) -> String {
        let plain = ["", "ok", "a b", "5 inch", " spaced ", "\t", "x\ry"]
        let inner = ["a", ",", "\"\"", "\n", "\r\n", "\r", " ", "text"]
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4:
            return plain.randomElement(using: &random)!
        case 4..<8:
            let content = (0..<Int.random(in: 0...4, using: &random)).map { _ in inner.randomElement(using: &random)! }
            let quoted = "\"" + content.joined() + "\""
            return random.chance(0.2) ? " " + quoted + " " : quoted
        case 8:
            return ["5\" screen", "12\" screen", "bought 5\" screen", "a\"b\"c", "x \"y\""]
                .randomElement(using: &random)!
        default:
            return ["\"a\"b", "\"a\" \"b\"", "\"done\"x,", "\"a\"\r"].randomElement(using: &random)!
        }
    }

    static func identifier(_ row: Int, _ random: inout SplitMix) -> String {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: ""
        case 1: "\"C\(row)\""
        default: "C\(row)"
        }
    }

    static func number(_ random: inout SplitMix) -> String {
        ["1", "-2.5", "3e2", "", "abc", " 7 ", "\"4\"", "1e400", "0.000001", "12", "\" 8\"", "9\""]
            .randomElement(using: &random)!
    }

    static func mutate(_ body: inout [UInt8], _ random: inout SplitMix) {
        let position = Int.random(in: 0...body.count, using: &random)
        switch Int.random(in: 0..<7, using: &random) {
        case 0, 1: body.insert(UInt8(ascii: "\""), at: position)
        case 2: body.insert(UInt8(ascii: ","), at: position)
        case 3: body.insert(UInt8(ascii: "\n"), at: position)
        case 4: body.insert(UInt8(ascii: "\r"), at: position)
        case 5: if position < body.count { body.remove(at: position) }
        default: body.removeSubrange(position...)
        }
    }
}

extension SplitMix {
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
}
