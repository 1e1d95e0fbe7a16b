package import SegmentIO
package import SegmentPlugin

/// Streams the plugins' artifacts of one file to files: one file per suffix, opened at its first line, at the
/// path `path(suffix)` gives (the daemon passes a hidden temporary in the outbox and publishes it later).
/// Each file is created new, never through a link planted at its name (`OutputFile`'s `exclusive`).
package final class ArtifactFileWriter: PluginArtifactWriter {
    private let path: (String) -> String
    private var files: [String: (file: OutputFile, buffer: ByteBuffer)] = [:]
    /// The artifact written last: plugins write many lines to one artifact, so most lines skip the dictionary.
    private var last: (suffix: String, file: OutputFile, buffer: ByteBuffer)?
    private static let flushBytes = 1 << 16

    /// Makes a writer that puts the artifact `suffix` at `path(suffix)`.
    package init(path: @escaping (String) -> String) {
        self.path = path
    }

    /// The suffixes written so far, sorted.
    package var suffixes: [String] { files.keys.sorted() }

    package func appendLine(_ line: String, to suffix: String) throws(PluginError) {
        var line = line
        let appended = line.withUTF8 { bytes in
            Result { () throws(PluginError) in try appendLine(bytes: UnsafeRawBufferPointer(bytes), to: suffix) }
        }
        try appended.get()
    }

    /// Appends one line; the suffix is checked when it is first used.
    package func appendLine(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError) {
        try append(bytes, lineFeed: true, to: suffix)
    }

    /// Appends whole lines (each already ending with a line feed) as they are.
    package func appendLines(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError) {
        try append(bytes, lineFeed: false, to: suffix)
    }

    private func append(_ bytes: UnsafeRawBufferPointer, lineFeed: Bool, to suffix: String) throws(PluginError) {
        if last?.suffix != suffix, files[suffix] == nil { try Self.check(suffix) }
        do throws(RecordError) {
            if last?.suffix != suffix {
                if files[suffix] == nil {
                    files[suffix] = (
                        try OutputFile(path: path(suffix), exclusive: true),
                        ByteBuffer(capacity: Self.flushBytes + 4096)
                    )
                }
                guard let entry = files[suffix] else { return }
                last = (suffix, entry.file, entry.buffer)
            }
            guard let entry = last else { return }
            if let base = bytes.baseAddress { entry.buffer.append(base, count: bytes.count) }
            if lineFeed { entry.buffer.append(UInt8(ascii: "\n")) }
            if entry.buffer.count >= Self.flushBytes {
                try entry.file.write(entry.buffer)
                entry.buffer.count = 0
            }
        } catch {
            throw PluginError(
                .processingFailed, source: suffix, problem: "the artifact could not be written: \(error.message)",
                fix: "check free space and permissions of the outbox")
        }
    }

    /// Writes what is buffered and returns the suffixes written, sorted.
    package func close() throws(RecordError) -> [String] {
        for (file, buffer) in files.values {
            try file.write(buffer)
            buffer.count = 0
        }
        return suffixes
    }

    /// The longest artifact suffix, in bytes: the daemon keeps room for it in every output name it makes.
    package static let maximumSuffixBytes = 32

    /// Throws unless `suffix` is a plain file name of at most ``maximumSuffixBytes`` bytes with an extension that
    /// no scorer output uses, such as `migrations.jsonl`.
    package static func check(_ suffix: String) throws(PluginError) {
        let allowed = suffix.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
        let parts = suffix.split(separator: ".", omittingEmptySubsequences: false)
        let reserved = ["scored.csv", "scored.jsonl", "rejects.csv", "manifest.json"]
        guard allowed, suffix.utf8.count <= maximumSuffixBytes, parts.count >= 2, !parts.contains(where: \.isEmpty),
            !reserved.contains(suffix),
            !parts.contains("partial")
        else {
            throw PluginError(
                .processingFailed, source: suffix,
                problem: "\"\(suffix)\" is not a usable artifact suffix",
                fix: "use a plain name with an extension, such as migrations.jsonl, of at most "
                    + "\(maximumSuffixBytes) bytes (letters, digits, '_', '-', '.'; not scored.*, rejects.csv "
                    + "or manifest.json)"
            )
        }
    }
}

/// Takes artifact lines and drops them: for trials (`segmentd run --test`), which change nothing on disk.
package final class DiscardingArtifactWriter: PluginArtifactWriter {
    /// Lines received, by suffix.
    package private(set) var lineCounts: [String: Int] = [:]

    /// Makes a writer that keeps nothing.
    package init() {}

    package func appendLine(_ line: String, to suffix: String) throws(PluginError) {
        if lineCounts[suffix] == nil { try ArtifactFileWriter.check(suffix) }
        lineCounts[suffix, default: 0] += 1
    }

    package func appendLines(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError) {
        if lineCounts[suffix] == nil { try ArtifactFileWriter.check(suffix) }
        lineCounts[suffix, default: 0] += bytes.count { $0 == UInt8(ascii: "\n") }
    }
}
