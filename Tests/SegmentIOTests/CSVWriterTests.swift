import Foundation
import Testing
@testable import SegmentIO

@Suite("CSV writer")
struct CSVWriterTests {
    @Test func quotesFieldsThatNeedIt() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("w.csv")
        var writer = try CSVWriter(path: path, header: ["id", "note, with comma"])
        try writer.write(["C1", "say \"hi\""])
        try writer.write(["C2", "two\nlines"])
        try writer.write(["C3", " padded "])
        try writer.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "id,\"note, with comma\"\nC1,\"say \"\"hi\"\"\"\nC2,\"two\nlines\"\nC3,\" padded \"\n")
    }

    @Test func writesNumbersWithFixedDecimalsAndBlanksForMissing() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("w.csv")
        var writer = try CSVWriter(path: path, header: ["id", "a", "b", "c"], numberStyle: .fixed(2))
        try writer.write(id: "C1", values: [1.005, -2, .nan])
        try writer.write(id: "C2", values: [0.125, .infinity, 1e20])
        try writer.finish()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected =
            "id,a,b,c\nC1,\(String(format: "%.2f", 1.005)),-2.00,\n"
            + "C2,\(String(format: "%.2f", 0.125)),,\(String(format: "%.2f", 1e20))\n"
        #expect(text == expected)
    }

    @Test func shortestNumbersReadBackExactly() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("w.csv")
        var generator = SplitMix(seed: 3)
        var rows: [[Double]] = []
        var writer = try CSVWriter(path: path, header: ["id", "x", "y"], numberStyle: .shortest)
        for index in 0..<5000 {
            let row = [Double(bitPattern: generator.next() >> 2), Double(generator.next() % 100_000) / 7]
            rows.append(row)
            try writer.write(id: "R\(index)", values: row)
        }
        try writer.finish()
        let table = try TrainingTable.load(path: path, idColumn: "id", columns: ["x", "y"])
        #expect(table.rejects.isEmpty)
        #expect(table.values.map(\.bitPattern) == rows.flatMap { $0 }.map(\.bitPattern))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(".0,") && !text.contains(".0\n"))
    }

    @Test func rowsAreFlushedWhenTheWriterIsDroppedWithoutFinish() throws {
        let directory = TemporaryDirectory()
        let path = directory.path("w.csv")
        do {
            var writer = try CSVWriter(path: path, header: ["id"])
            try writer.write(["C1"])
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id\nC1\n")
    }

    @Test func rejectsUnsupportedDecimalCounts() {
        let directory = TemporaryDirectory()
        let error = recordError {
            _ = try CSVWriter(path: directory.path("w.csv"), header: ["id"], numberStyle: .fixed(12))
        }
        #expect(error?.code == .invalidArgument)
    }
}
