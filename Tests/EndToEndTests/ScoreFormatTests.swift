import Foundation
import SegmentdTestSupport
import Testing

/// `segmentd score` writes the format the output's name says, and reads and writes `-` as standard input and output.
@Suite(.serialized)
struct ScoreFormatTests {
    /// A trained workspace with 200 new customers, scored CSV to CSV as the reference.
    static let workspace = Result { () throws -> Workspace in
        let workspace = try CommandLineTests.trainedWorkspace()
        try Segmentd.succeed(["generate", "--rows", "200", "--seed", "12", "new.csv"], in: workspace.url)
        try Segmentd.succeed(["score", "new.csv", "scored.csv", "--model", "model.json"], in: workspace.url)
        return workspace
    }

    /// Runs `script` in `sh` with `$SEGMENTD` set to the binary: a real shell pipeline.
    static func shell(_ script: String, in workspace: Workspace) throws -> Segmentd.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = workspace.url
        process.environment = ProcessInfo.processInfo.environment.merging(["SEGMENTD": SegmentdBinary.url.path]) {
            $1
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Segmentd.Outcome(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("CSV in, .jsonl out: one object per record, the header's names as keys, numbers as numbers")
    func csvToJSONL() throws {
        let workspace = try Self.workspace.get()
        try Segmentd.succeed(["score", "new.csv", "converted.jsonl", "--model", "model.json"], in: workspace.url)
        let csv = try workspace.lines("scored.csv")
        let header = csv[0].split(separator: ",").map(String.init)
        let objects = try Self.objects(try workspace.read("converted.jsonl"))
        #expect(objects.count == csv.count - 1)
        let firstLine = try #require(try workspace.lines("converted.jsonl").first)
        #expect(firstLine.hasPrefix("{\"CUST_ID\":\"S0000001\",\"BALANCE\":"))
        for (object, line) in zip(objects, csv.dropFirst()) {
            #expect(Set(object.keys) == Set(header))
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = Dictionary(uniqueKeysWithValues: zip(header, fields))
            #expect(object["CUST_ID"] as? String == row["CUST_ID"])
            #expect(object["segment_name"] as? String == row["segment_name"])
            #expect(object["model_version"] as? String == row["model_version"])
            #expect((object["segment_id"] as? NSNumber)?.intValue == Int(row["segment_id"] ?? ""))
            #expect((object["confidence"] as? NSNumber)?.doubleValue == Double(row["confidence"] ?? ""))
        }
        #expect(try workspace.lines("converted.rejects.csv") == ["line,column,reason,record"])
    }

    @Test("JSONL in, .csv out: every key in the header, scoring columns last, values as their text")
    func jsonlToCSV() throws {
        let workspace = try Self.workspace.get()
        // Scored JSONL becomes the input: its five scoring keys come back, replaced, at the end.
        try Segmentd.succeed(["score", "new.csv", "input.jsonl", "--model", "model.json"], in: workspace.url)
        try Segmentd.succeed(["score", "input.jsonl", "back.csv", "--model", "model.json"], in: workspace.url)
        let back = try workspace.lines("back.csv")
        let reference = try workspace.lines("scored.csv")
        #expect(back == reference)
    }

    @Test("a pipe: - reads standard input and writes standard output, byte for byte what the files get")
    func pipe() throws {
        let workspace = try Self.workspace.get()
        let piped = try Self.shell(
            "cat new.csv | \"$SEGMENTD\" score - - --model model.json > piped.csv", in: workspace)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.isEmpty, "no rejects, no summary: \(piped.stderr)")
        #expect(try workspace.read("piped.csv") == workspace.read("scored.csv"))

        let jsonl = try Self.shell(
            "\"$SEGMENTD\" score new.csv - --format jsonl --model model.json | cat > piped.jsonl", in: workspace)
        #expect(jsonl.status == 0, "\(jsonl.stderr)")
        try Segmentd.succeed(["score", "new.csv", "file.jsonl", "--model", "model.json"], in: workspace.url)
        #expect(try workspace.read("piped.jsonl") == workspace.read("file.jsonl"))

        let fromStdin = try Self.shell(
            "cat file.jsonl | \"$SEGMENTD\" score - from-stdin.csv --format jsonl --model model.json", in: workspace)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout.contains("from-stdin.csv: 200 rows, 200 scored, 0 rejected"), "\(fromStdin.stdout)")
        #expect(try workspace.read("from-stdin.csv") == workspace.read("scored.csv"))
    }

    @Test("standard output that cannot take the records is an I/O error: 74")
    func aFullStandardOutputIsAnIOError() throws {
        let workspace = try Self.workspace.get()
        let outcome = try Self.shell("\"$SEGMENTD\" score new.csv - --model model.json > /dev/full", in: workspace)
        #expect(outcome.status == 74, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("standard output"), "\(outcome.stderr)")
    }

    @Test("with - as the output, rejected rows go to standard error as CSV")
    func rejectsOfAPipeGoToStandardError() throws {
        let workspace = try Self.workspace.get()
        var lines = try workspace.lines("new.csv").prefix(4).map(String.init)
        var fields = lines[2].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = "lots"
        lines[2] = fields.joined(separator: ",")
        try workspace.write("mixed.csv", lines.joined(separator: "\n") + "\n")
        let outcome = try Self.shell("\"$SEGMENTD\" score mixed.csv - --model model.json", in: workspace)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").count == 3)
        #expect(outcome.stderr.hasPrefix("line,column,reason,record\n3,BALANCE,"), "\(outcome.stderr)")
    }
}
