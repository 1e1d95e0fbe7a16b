import Foundation
@testable import ScoringHost
import SegmentIO
import SegmentPlugin
import Testing

@Suite("scoring through plugins")
struct PluginStageTests {
    private func plugins(
        _ files: [String: String], _ scratch: Scratch,
        available: [any ActionPlugin.Type] = fakePlugins
    ) throws -> [ScoringPlugin] {
        try pluginSet(files, in: scratch, available: available).scoringPlugins
    }

    @Test("plugin columns follow model_version in the header and every row, in plugin order, with their line numbers")
    func csvColumns() throws {
        let scratch = try Scratch()
        // A quoted field spanning two lines and a blank line shift the line numbers of later rows.
        try scratch.write("in.csv", "id,x,note\nc1,1,\"two\nlines\"\n\nc2,-2,plain\nc3,3,\n")
        let set = try plugins(
            ["tag": "enabled = true\norder = 2\n", "picky": "enabled = true\norder = 1\nreject_suffixes = []\n"],
            scratch)
        let summary = try scoreThrough(set, input: "in.csv", in: scratch)
        let lines = try #require(scratch.text("out.csv")).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines[0] == "id,x,note,segment_id,segment_name,confidence,distance,model_version,checked,score,tag,line")
        #expect(lines[1] == "c1,1,\"two")
        #expect(lines[2] == "lines\",1,High,0.250000,1.000000,sign-1,true,0.5,seg-High,2")
        #expect(lines[3] == "c2,-2,plain,0,Low,0.250000,2.000000,sign-1,true,0.5,seg-Low,5")
        #expect(lines[4] == "c3,3,,1,High,0.250000,3.000000,sign-1,true,0.5,seg-High,6")
        #expect(summary.rowsScored == 3)
        #expect(summary.plugins.map(\.name) == ["picky", "tag"])
    }

    @Test("JSONL output gets the plugin columns as members, with JSON types")
    func jsonlMembers() throws {
        let scratch = try Scratch()
        try scratch.write("in.jsonl", "{\"id\":\"a1\",\"x\":2}\n{\"id\":\"a2\",\"x\":-1 }\n")
        let set = try plugins(
            [
                "tag": "enabled = true\nprefix = \"\\\"q\"\n", "notes": "enabled = true\n",
                "picky": "enabled = true\nreject_suffixes = []\n",
            ], scratch)
        try scoreThrough(set, input: "in.jsonl", in: scratch)
        let rows = try #require(scratch.text("out.jsonl")).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(rows.count == 2)
        #expect(rows[0]["tag"] as? String == "\"qHigh")
        #expect(rows[0]["line"] as? Int == 1)
        #expect(rows[1]["line"] as? Int == 2)
        #expect(rows[0]["checked"] as? Bool == true)
        #expect(rows[0]["score"] as? Double == 0.5)
        #expect(rows[0]["noted"] is NSNull)
        #expect(rows[1]["segment_name"] as? String == "Low")
    }

    @Test("a palette column writes what the same values written row by row give, in CSV and JSONL, after failed rows")
    func paletteColumnsMatchPlainOnes() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 40))
        let set = try plugins(
            [
                "picky": "enabled = true\norder = 1\n", "tag": "enabled = true\norder = 2\n",
                "ptag": "enabled = true\norder = 3\n",
            ], scratch,
            available: fakePlugins + [PaletteTagPlugin.self])
        try scoreThrough(set, input: "in.csv", in: scratch)
        let lines = try #require(scratch.text("out.csv")).split(separator: "\n").map { $0.split(separator: ",") }
        #expect(lines[0].suffix(4) == ["score", "tag", "line", "ptag"])
        #expect(lines.count == 1 + 36, "picky fails c7, c17, c27 and c37")
        for fields in lines.dropFirst() { #expect(fields[fields.count - 1] == fields[fields.count - 3]) }

        let other = try Scratch()
        try other.write("in.jsonl", (1...9).map { "{\"id\":\"a\($0)\",\"x\":\($0 % 2 == 0 ? 1 : -1)}\n" }.joined())
        let blank = try plugins(
            ["ptag": "enabled = true\nblank_suffix = \"9\"\n", "tag": "enabled = true\n"], other,
            available: fakePlugins + [PaletteTagPlugin.self])
        try scoreThrough(blank, input: "in.jsonl", in: other)
        let rows = try #require(other.text("out.jsonl")).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(rows.count == 9)
        for row in rows.dropLast() { #expect(row["ptag"] as? String == row["tag"] as? String) }
        #expect(rows.last?["id"] as? String == "a9")
        #expect(rows.last?["ptag"] is NSNull, "an index past the palette is written as missing")
    }

    @Test("a row a plugin fails goes to the rejects file with the plugin's name and is not scored")
    func rowFailure() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 20) + "bad,notanumber\n")
        let set = try plugins(["picky": "enabled = true\n", "notes": "enabled = true\norder = 200\n"], scratch)
        let summary = try scoreThrough(set, input: "in.csv", in: scratch)
        let rejects = try #require(scratch.text("out.rejects.csv")).split(separator: "\n").map(String.init)
        #expect(rejects.count == 4)
        #expect(rejects[1] == "8,,plugin picky: customer c7 is on the block list,\"c7,-7\"")
        #expect(rejects[2] == "18,,plugin picky: customer c17 is on the block list,\"c17,-17\"")
        #expect(rejects[3].hasPrefix("22,x,"))
        let output = try #require(scratch.text("out.csv"))
        #expect(!output.contains("c7,") && !output.contains("c17,"))
        #expect(output.split(separator: "\n").count == 1 + 18)
        #expect(summary.rowsRead == 21)
        #expect(summary.rowsRejected == 3)
        #expect(summary.rowsScored == 18)
        #expect(summary.plugins.first { $0.name == "picky" }?.rowsFailed == 2)
        // The later plugin never saw the failed rows.
        let noted = try #require(scratch.text("out.notes.jsonl"))
        #expect(noted.split(separator: "\n").count == 18)
        #expect(!noted.contains("\"c7\"") && !noted.contains("\"c17\"") && !noted.contains("\"bad\""))
    }

    @Test("a plugin that throws rejects every row of the batch it was given")
    func thrownBatch() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 50))
        let set = try plugins(["thrower": "enabled = true\n", "tag": "enabled = true\n"], scratch)
        let summary = try scoreThrough(set, input: "in.csv", in: scratch)
        #expect(summary.rowsRejected == 50)
        #expect(summary.rowsScored == 0)
        let rejects = try #require(scratch.text("out.rejects.csv")).split(separator: "\n")
        #expect(rejects.count == 51)
        #expect(rejects.dropFirst().allSatisfy { $0.contains(",,plugin thrower: the child died,") })
        #expect(try #require(scratch.text("out.csv")).split(separator: "\n").count == 1)
    }

    @Test("on_error = fail_file fails the file and cancels every session")
    func failFile() throws {
        let scratch = try Scratch()
        try scratch.write("ff.csv", signCSV(rows: 30))
        let set = try plugins(
            ["picky": "enabled = true\non_error = \"fail_file\"\n", "tag": "enabled = true\n"], scratch)
        do {
            try scoreThrough(set, input: "ff.csv", in: scratch)
            Issue.record("the file was scored despite fail_file")
        } catch let error as RecordError {
            #expect(error.code == .pluginFailed)
            #expect(error.message.contains("picky"))
            #expect(error.message.contains("line 8"))
        }
        #expect(SessionJournal.shared.events(for: "ff.csv").contains("tag cancel"))
        #expect(SessionJournal.shared.events(for: "ff.csv").contains("picky cancel"))
        #expect(!SessionJournal.shared.events(for: "ff.csv").contains("tag finish"))
    }

    @Test("artifacts are written and the plugins' reports returned")
    func artifacts() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 3))
        let set = try plugins(["notes": "enabled = true\nflag = \"seen\"\n"], scratch)
        let summary = try scoreThrough(set, input: "in.csv", in: scratch)
        #expect(
            scratch.text("out.notes.jsonl")
                == "{\"id\":\"c1\",\"segment\":0}\n{\"id\":\"c2\",\"segment\":1}\n{\"id\":\"c3\",\"segment\":0}\n")
        #expect(
            summary.plugins == [
                PluginOutcome(
                    name: "notes", version: "2.0",
                    report: PluginFileReport(flags: ["seen"], metrics: ["rows": 3]), rowsFailed: 0)
            ])
    }

    @Test("the output with plugins is the same for every chunk size and piece count")
    func chunkInvariance() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 3000))
        let set = try plugins(
            ["picky": "enabled = true\n", "tag": "enabled = true\n", "notes": "enabled = true\n"], scratch)
        try scoreThrough(set, input: "in.csv", in: scratch)
        let reference = [scratch.text("out.csv"), scratch.text("out.rejects.csv"), scratch.text("out.notes.jsonl")]
        for (chunk, pieces) in [(997, 1), (4096, 3), (1 << 16, 8)] {
            try scoreThrough(
                set, input: "in.csv", in: scratch, options: ScoreOptions(chunkBytes: chunk, piecesPerChunk: pieces))
            #expect(
                [scratch.text("out.csv"), scratch.text("out.rejects.csv"), scratch.text("out.notes.jsonl")]
                    == reference,
                "chunk \(chunk), pieces \(pieces)")
        }
    }

    @Test("with no plugin enabled the output is what scoring without plugins writes")
    func noPlugins() throws {
        let scratch = try Scratch()
        try scratch.write("in.csv", signCSV(rows: 100))
        try scoreThrough([], input: "in.csv", in: scratch)
        let withEmpty = scratch.text("out.csv")
        _ = try FileScorer.score(
            input: scratch.file("in.csv"), output: scratch.file("plain.csv"),
            rejects: scratch.file("plain.rejects.csv"), scorer: SignScorer())
        #expect(withEmpty == scratch.text("plain.csv"))
    }
}
