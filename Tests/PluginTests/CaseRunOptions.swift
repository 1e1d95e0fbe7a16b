import Foundation
import SegmentPlugin

/// How one run of a testcase feeds its session: the optional `case.toml` beside `input.csv`.
struct CaseRunOptions {
    /// Rows per batch; nil sends all rows as one batch.
    var batchSize: Int?
    /// `PluginFile.name`.
    var fileName = "input.csv"
    /// `PluginFile.sha256`; nil means the SHA-256 of `input.csv`'s bytes.
    var sha256: String?
    /// `PluginFile.modelVersion`.
    var modelVersion = "test-model"
    /// `PluginFile.isTrial`.
    var trial = false
    /// Calls `cancel()` instead of `finish(artifacts:)` after the last batch.
    var cancel = false

    /// Reads `case.toml` in `directory`; the defaults when there is none.
    init(directory: URL, label: String) throws {
        let file = directory.appendingPathComponent("case.toml")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        let settings = try PluginSettings.parse(text, source: "\(label)/case.toml")
        if let size = try settings.integer("batch_size") {
            guard size > 0 else {
                throw CaseFormatError(file: "\(label)/case.toml", problem: "batch_size must be at least 1")
            }
            batchSize = size
        }
        fileName = try settings.string("file_name") ?? fileName
        sha256 = try settings.string("sha256")
        modelVersion = try settings.string("model_version") ?? modelVersion
        trial = try settings.boolean("trial") ?? trial
        cancel = try settings.boolean("cancel") ?? cancel
        try settings.rejectUnreadKeys()
    }
}
