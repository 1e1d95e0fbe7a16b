import Foundation
@testable import ScoringHost
import SegmentIO
import SegmentPlugin
import Testing

@Suite("artifact files")
struct ArtifactWriterTests {
    /// Appends `text` through the byte-level entry point.
    private func appendBytes(_ text: String, to suffix: String, _ writer: ArtifactFileWriter) throws {
        let bytes = Array(text.utf8)
        let appended = bytes.withUnsafeBytes { raw in
            Result { () throws(PluginError) in try writer.appendLine(bytes: raw, to: suffix) }
        }
        try appended.get()
    }

    @Test("lines go to the file of their suffix, as text or bytes, also when two artifacts alternate")
    func linesReachTheirFiles() throws {
        let scratch = try Scratch()
        let writer = ArtifactFileWriter { scratch.file("out.\($0)") }
        try writer.appendLine("m1", to: "moves.jsonl")
        try appendBytes("n1", to: "notes.txt", writer)
        try appendBytes("m2", to: "moves.jsonl", writer)
        try writer.appendLine("n2", to: "notes.txt")
        #expect(try writer.close() == ["moves.jsonl", "notes.txt"])
        #expect(scratch.text("out.moves.jsonl") == "m1\nm2\n")
        #expect(scratch.text("out.notes.txt") == "n1\nn2\n")
    }

    @Test("a block of lines lands as the same lines appended one by one, in the file writer and in the default")
    func blocksOfLinesEqualSingleLines() throws {
        let scratch = try Scratch()
        let writer = ArtifactFileWriter { scratch.file("out.\($0)") }
        let block = Array("b1\nb2\n".utf8)
        try writer.appendLine("a", to: "moves.jsonl")
        try block.withUnsafeBytes { bytes in
            try Result { () throws(PluginError) in try writer.appendLines(bytes: bytes, to: "moves.jsonl") }.get()
        }
        try writer.appendLine("c", to: "moves.jsonl")
        _ = try writer.close()
        #expect(scratch.text("out.moves.jsonl") == "a\nb1\nb2\nc\n")

        let lines = LineCollector()
        try block.withUnsafeBytes { bytes in
            try Result { () throws(PluginError) in try lines.appendLines(bytes: bytes, to: "moves.jsonl") }.get()
        }
        #expect(lines.lines == ["b1", "b2"])
    }

    @Test(
        "a suffix that is reserved or not a plain name is refused before anything is written",
        arguments: [
            "scored.csv", "rejects.csv", "manifest.json", "../escape.jsonl", "noextension", "a..b", "x.partial.csv",
        ])
    func badSuffixesAreRefused(suffix: String) throws {
        let scratch = try Scratch()
        let writer = ArtifactFileWriter { scratch.file("out.\($0)") }
        #expect(throws: PluginError.self) { try writer.appendLine("line", to: suffix) }
        #expect(throws: PluginError.self) { try appendBytes("line", to: suffix, writer) }
        #expect(try writer.close() == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}

/// Keeps the lines it is given, relying on the protocol's default for blocks.
private final class LineCollector: PluginArtifactWriter {
    var lines: [String] = []

    func appendLine(_ line: String, to suffix: String) throws(PluginError) {
        lines.append(line)
    }
}
