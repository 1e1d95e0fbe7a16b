import Testing

import SegmentCore
@testable import SegmentIO

/// Scores with a hash of every parsed value's bits: any value the fast path parses differently from the careful
/// path changes the row's appended columns.
private struct ValueBitsScorer: RowScorer {
    var idColumn = "CUST_ID"
    var inputColumns = Array(SyntheticCustomers.columns.dropFirst())
    var segmentNames = (0..<256).map { "h\($0)" }
    var modelVersion = "bits-1"
    var scratchCount = 1

    func assign(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Assignment
    {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in values { hash = (hash ^ value.bitPattern) &* 0x100_0000_01B3 }
        return Assignment(
            segment: Int(hash & 255), confidence: Double((hash >> 8) & 0xFFFFF) / 0x100000,
            distance: Double(hash >> 40))
    }
}

@Suite("Full-precision files")
struct FullPrecisionIdentityTests {
    /// 20,000 generated rows with six decimals on every number (`generate --precision full`).
    static let fullPrecisionCSV: [UInt8] = {
        let customers = SyntheticCustomers(seed: 19)
        var bytes = Array((SyntheticCustomers.csvHeader + "\n").utf8)
        for row in 0..<20_000 { customers.appendCSVLine(ofRow: row, precision: .full, to: &bytes) }
        return bytes
    }()

    @Test("a full-precision file: every parsed value of the fast path has the careful path's bits")
    func fastPathMatchesTheCarefulPathBitForBit() throws {
        let fast = try scoreBytes(Self.fullPrecisionCSV, scorer: ValueBitsScorer())
        // A piece longer than the record limit makes every record take the careful path (CSVFields.split and
        // NumberParser.fieldValue: Clinger's exact path or strtod).
        let careful = try scoreBytes(
            Self.fullPrecisionCSV, scorer: ValueBitsScorer(), options: ScoreOptions(maxRecordBytes: 400))
        #expect(fast.summary.rowsScored == 20_000 && careful.summary.rowsScored == 20_000)
        #expect(fast.output == careful.output)
        #expect(fast.rejects == careful.rejects)
    }

    @Test("the same rows as JSON Lines: the fast number path gives the careful path's bits too")
    func jsonLinesMatchTheCSVValues() throws {
        let text = String(decoding: Self.fullPrecisionCSV, as: UTF8.self)
        let lines = text.split(separator: "\n")
        let names = lines[0].split(separator: ",").map(String.init)
        var jsonl = ""
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            var members = ["\"\(names[0])\":\"\(fields[0])\""]
            for (name, field) in zip(names.dropFirst(), fields.dropFirst()) {
                members.append("\"\(name)\":\(field.isEmpty ? "null" : String(field))")
            }
            jsonl += "{" + members.joined(separator: ",") + "}\n"
        }
        let csv = try scoreBytes(Self.fullPrecisionCSV, scorer: ValueBitsScorer())
        let json = try scoreText(jsonl, ext: "jsonl", scorer: ValueBitsScorer())
        #expect(json.summary.rowsScored == 20_000)
        // The appended segment ids (the value hashes) agree row by row between the two formats.
        let csvSegments = csv.output.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false)[18]
        }
        let jsonSegments = json.output.split(separator: "\n").map { line in
            line.split(separator: ",").first { $0.hasPrefix("\"segment_id\":") }?.dropFirst(13) ?? ""
        }
        #expect(csvSegments.elementsEqual(jsonSegments))
    }
}
