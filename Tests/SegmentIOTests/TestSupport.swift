import Foundation
import SegmentCore
@testable import SegmentIO

/// Nearest of two fixed points; missing values count as 0. Distances are Euclidean.
struct TwoPointScorer: RowScorer {
    var idColumn = "id"
    var inputColumns = ["a", "b"]
    var segmentNames = ["near", "far, \"quoted\""]
    var modelVersion = "test-1"
    var scratchCount = 1
    /// Coordinates of the second point, per input column (the first point is the origin).
    var far: [Double] = [10, 20]

    func assign(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) -> Assignment
    {
        var near = 0.0
        var farDistance = 0.0
        for index in 0..<values.count {
            let value = values[index].isNaN ? 0 : values[index]
            let target = index < far.count ? far[index] : 0
            near += value * value
            farDistance += (value - target) * (value - target)
        }
        scratch[0] = near
        let (d1, d2) = (near.squareRoot(), farDistance.squareRoot())
        if d1 <= d2 {
            return Assignment(segment: 0, confidence: d2 > 0 ? 1 - d1 / d2 : 0, distance: d1)
        }
        return Assignment(segment: 1, confidence: 1 - d2 / d1, distance: d2)
    }

    /// The columns this scorer appends for `values`, formatted independently of the code under test.
    func expectedSuffix(_ values: [Double], json: Bool = false) -> String {
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: values.count)
        defer { buffer.deallocate() }
        _ = buffer.initialize(from: values)
        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 1)
        defer { scratch.deallocate() }
        let result = assign(buffer, scratch: scratch)
        let confidence = String(format: "%.6f", result.confidence)
        let distance = String(format: "%.6f", result.distance)
        let name = segmentNames[result.segment]
        if json {
            let escapedName = name.replacingOccurrences(of: "\"", with: "\\\"")
            return ",\"segment_id\":\(result.segment),\"segment_name\":\"\(escapedName)\",\"confidence\":\(confidence),"
                + "\"distance\":\(distance),\"model_version\":\"\(modelVersion)\"}"
        }
        let csvName =
            name.contains(",") || name.contains("\"")
            ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
        return ",\(result.segment),\(csvName),\(confidence),\(distance),\(modelVersion)"
    }
}

/// A scratch directory removed when released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "segmentio-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to a file called `name` and returns its path.
    func file(_ name: String, _ contents: String) -> String {
        file(name, bytes: Array(contents.utf8))
    }

    /// Writes `bytes` to a file called `name` and returns its path.
    func file(_ name: String, bytes: [UInt8]) -> String {
        let target = path + "/" + name
        let created = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        precondition(created, "the test file \(target) could not be created")
        return target
    }

    /// The path of `name` in this directory (the file need not exist).
    func path(_ name: String) -> String { path + "/" + name }
}

/// What one scoring run produced.
struct ScoreRun {
    var output: String
    var rejects: String
    var summary: ScoreSummary

    /// The rejects file parsed into rows (header excluded).
    var rejectRows: [[String]] { Array(parseCSV(rejects).dropFirst()) }
    /// The output's lines (no trailing empty line).
    var outputLines: [String] {
        output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}

/// Scores `input` (written to a file with extension `ext`) and reads back the output and rejects files.
func scoreText(
    _ input: String, ext: String = "csv", scorer: some RowScorer = TwoPointScorer(),
    options: ScoreOptions = ScoreOptions()
) throws -> ScoreRun {
    try scoreBytes(Array(input.utf8), ext: ext, scorer: scorer, options: options)
}

/// Scores raw input bytes and reads back the output and rejects files.
func scoreBytes(
    _ input: [UInt8], ext: String = "csv", scorer: some RowScorer = TwoPointScorer(),
    options: ScoreOptions = ScoreOptions()
) throws -> ScoreRun {
    let directory = TemporaryDirectory()
    let inputPath = directory.file("input.\(ext)", bytes: input)
    let outputPath = directory.path("output.\(ext)")
    let rejectsPath = directory.path("rejects.csv")
    let summary = try FileScorer.score(
        input: inputPath, output: outputPath, rejects: rejectsPath, scorer: scorer,
        options: options)
    return ScoreRun(
        output: try String(contentsOfFile: outputPath, encoding: .utf8),
        rejects: try String(contentsOfFile: rejectsPath, encoding: .utf8), summary: summary)
}

/// The `RecordError` thrown by `body`, or `nil` if it threw nothing or something else.
func recordError(_ body: () throws -> Void) -> RecordError? {
    do {
        try body()
        return nil
    } catch let error as RecordError {
        return error
    } catch {
        return nil
    }
}

/// A small, independent RFC 4180 reader for checking files the code under test wrote.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var inQuotes = false
    var iterator = Array(text).makeIterator()
    var pending: Character? = iterator.next()
    while let character = pending {
        pending = iterator.next()
        if inQuotes {
            if character == "\"" {
                if pending == "\"" {
                    field.append("\"")
                    pending = iterator.next()
                } else {
                    inQuotes = false
                }
            } else {
                field.append(character)
            }
        } else if character == "\"" {
            inQuotes = true
        } else if character == "," {
            row.append(field)
            field = ""
        } else if character == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(character)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}

/// Thin wrapper so error tests need not import Foundation themselves.
enum FileManagerShim {
    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
