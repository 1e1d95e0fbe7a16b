import Foundation
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

    @Test("a suffix that is reserved or not a plain name is refused before anything is written",
          arguments: ["scored.csv", "rejects.csv", "manifest.json", "../escape.jsonl", "noextension", "a..b", "x.partial.csv"])
    func badSuffixesAreRefused(suffix: String) throws {
        let scratch = try Scratch()
        let writer = ArtifactFileWriter { scratch.file("out.\($0)") }
        #expect(throws: PluginError.self) { try writer.appendLine("line", to: suffix) }
        #expect(throws: PluginError.self) { try appendBytes("line", to: suffix, writer) }
        #expect(try writer.close() == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty)
    }
}
