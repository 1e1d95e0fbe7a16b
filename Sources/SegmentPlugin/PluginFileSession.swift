/// One plugin's work on one input file.
///
/// The host calls `process` once per batch, in file order, from one thread at a time (not always the same
/// thread), then exactly one of `finish` (the file's outputs are about to be published) or `cancel` (the file
/// failed or the daemon is stopping). A session is never shared between files.
public protocol PluginFileSession: AnyObject {
    /// Computes the plugin's columns for every row of `batch` into `output`, which has one column per
    /// `ActionPlugin.outputColumns` and `batch.count` rows, all missing at the start.
    ///
    /// To fail single rows, call `output.fail(row:reason:)`: those rows go to the rejects file with the plugin's
    /// name and the reason. Throwing fails every row of the batch the same way (or the whole file, when the
    /// operator set `on_error = "fail_file"`).
    func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError)

    /// Called after the last batch, before `finish`, only when the session was opened without
    /// `PluginFile.sha256`: gives the input's SHA-256, which the host computed while the file was read.
    ///
    /// A session whose columns depend on the content's identity (the migration monitor gives a replayed input
    /// the previous segments it stored for it) answers `.needsContentFirst` when this content needs that
    /// treatment; the host then cancels every session and processes the file again, this time with
    /// `PluginFile.sha256` set from the start. Nothing the first pass computed is published. Throw only when the
    /// digest cannot be taken at all (the file then fails).
    func identify(sha256: String) throws(PluginError) -> ContentIdentification

    /// Called once after the last batch, before the file's outputs are published. Commits any state the file
    /// changed (so a replay of the same input gives the same columns), writes the plugin's extra outputs through
    /// `artifacts`, and returns what the manifest should say about the plugin's work.
    func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport

    /// Called instead of `finish` when the file will not be published; must leave all state as it was.
    func cancel()
}

extension PluginFileSession {
    public func identify(sha256: String) throws(PluginError) -> ContentIdentification { .ready }

    public func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
        PluginFileReport()
    }

    public func cancel() {}
}

/// What a session answers when it learns the input's digest after its last batch (`identify(sha256:)`).
public enum ContentIdentification: Sendable, Equatable {
    /// The rows computed stand; the session goes on to `finish`.
    case ready
    /// The rows were computed as for new content, but this content needs the treatment the session gives content
    /// it knows from the start: the host cancels every session and processes the file again with the digest.
    case needsContentFirst
}

/// Lets a plugin write an extra output beside the scored file, such as `outbox/<stem>.migrations.jsonl`,
/// without touching files itself: the host publishes it atomically together with the file's other outputs.
public protocol PluginArtifactWriter: AnyObject {
    /// Appends one line (no line feed; the host adds it) to the artifact `outbox/<stem>.<suffix>`.
    /// `suffix` is a plain name with an extension, such as `migrations.jsonl`, of at most 32 bytes (the host keeps
    /// room for it in every output name, which must fit in 255 bytes).
    func appendLine(_ line: String, to suffix: String) throws(PluginError)

    /// Appends one line given as UTF-8 bytes (no line feed), for plugins that format many lines themselves.
    /// The default decodes the bytes and calls `appendLine(_:to:)`.
    func appendLine(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError)

    /// Appends a block of whole lines given as UTF-8 bytes, each ending with a line feed, for plugins that write
    /// very many lines. The default calls `appendLine(bytes:to:)` for each line.
    func appendLines(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError)
}

extension PluginArtifactWriter {
    public func appendLine(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError) {
        try appendLine(String(decoding: bytes, as: UTF8.self), to: suffix)
    }

    public func appendLines(bytes: UnsafeRawBufferPointer, to suffix: String) throws(PluginError) {
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            try appendLine(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), to: suffix)
            start = index + 1
        }
        if start < bytes.count {
            try appendLine(bytes: UnsafeRawBufferPointer(rebasing: bytes[start...]), to: suffix)
        }
    }
}

/// What a plugin reports about one file; it is written into the file's manifest under the plugin's name.
public struct PluginFileReport: Sendable, Equatable {
    /// Conditions an operator should notice, such as `downgrade_share_exceeded`; the manifest lists them.
    public var flags: [String]
    /// Named counts or shares, such as `downgrades = 12`.
    public var metrics: [String: Double]

    /// Makes a report.
    public init(flags: [String] = [], metrics: [String: Double] = [:]) {
        self.flags = flags
        self.metrics = metrics
    }
}
