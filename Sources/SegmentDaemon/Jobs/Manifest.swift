import Foundation

/// The record published last for every input, as `outbox/<stem>.manifest.json`.
///
/// Every field except `started_at` and `finished_at` is a function of the input's bytes, its name, the model and the
/// configuration, so processing the same file again (after a crash) gives the same content. docs/manifest.md
/// documents each field and etc/manifest.schema.json checks them: a field added here must be added there too.
struct Manifest: Codable, Sendable, Equatable {
    struct Input: Codable, Sendable, Equatable {
        var name: String
        /// Absent only for a failed input that is not a regular file or cannot be read.
        var size: Int64?
        /// Absent only for a failed input that is not a regular file or cannot be read.
        var sha256: String?
    }

    /// The files published in the outbox for the input; a failed input has no `scored`.
    struct Outputs: Codable, Sendable, Equatable {
        var scored: String?
        var rejects: String?
        /// The plugins' artifacts (`<stem>.<suffix>`), absent when there are none.
        var artifacts: [String]?
    }

    /// Points from a duplicate to the input that was scored with the same content.
    struct DuplicateOf: Codable, Sendable, Equatable {
        var input: String
        var manifest: String
        /// The model that computed that result; absent when the ledger entry predates the ledger keeping it.
        var modelVersion: String?
        /// Whether that model is the one this manifest's `model_version` names; absent when it is unknown. False means
        /// the earlier result is older than the current model: see the README on rescoring after a model change.
        var sameModel: Bool?

        init(input: String, manifest: String, modelVersion: String? = nil, sameModel: Bool? = nil) {
            self.input = input
            self.manifest = manifest
            self.modelVersion = modelVersion
            self.sameModel = sameModel
        }

        enum CodingKeys: String, CodingKey {
            case input, manifest
            case modelVersion = "model_version"
            case sameModel = "same_model"
        }
    }

    /// Why an input failed and where it went.
    struct Failure: Codable, Sendable, Equatable {
        /// One word (``FailureCode``).
        var reason: FailureCode
        /// What is wrong and how to fix it, as in the `.error.json`.
        var message: String
        /// Where the input is now: `failed_dir` joined with its name there (relative when `failed_dir` is).
        var movedTo: String
        /// The `<name>.error.json` beside it, same form.
        var errorFile: String

        enum CodingKeys: String, CodingKey {
            case reason, message
            case movedTo = "moved_to"
            case errorFile = "error_file"
        }
    }

    var manifestVersion = 1
    var input: Input
    /// `scored`, `duplicate` or `failed`.
    var outcome: String
    var rows: ProcessedCounts?
    var outputs: Outputs?
    var duplicateOf: DuplicateOf?
    var failure: Failure?
    var modelVersion: String
    var configSHA256: String
    /// The plugins that ran on the file, in order.
    var plugins: [PluginRecord] = []
    /// Scored files: the columns appended to every row (core, then each plugin's), the configuration's output schema.
    var schema: [SchemaColumnRecord]?
    /// Scored files: SHA-256 of the whole schema document, the bytes `segmentd schema` prints.
    var schemaSHA256: String?
    /// Scored files: per input column, the missing values filled with the training median; only columns with one.
    var imputed: [String: Int]?
    /// Scored files with a model that has a drift reference: how the rows compare with the training data.
    var drift: DriftRecord?
    /// Scored files with `[challenger] mode = "shadow"`: how the challenger's labelling compares with the champion's.
    var shadow: ShadowRecord?
    /// Scored files with `[challenger] mode = "ab"`: the two arms.
    var ab: ABRecord?
    var startedAt: String
    var finishedAt: String

    enum CodingKeys: String, CodingKey {
        case manifestVersion = "manifest_version"
        case input, outcome, rows, outputs
        case duplicateOf = "duplicate_of"
        case failure
        case modelVersion = "model_version"
        case configSHA256 = "config_sha256"
        case plugins, schema, imputed, drift, shadow, ab
        case schemaSHA256 = "schema_sha256"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
    }

    /// True when both describe the same result: all fields but the two timestamps are equal.
    func hasSameContent(as other: Manifest) -> Bool {
        var normalised = other
        normalised.startedAt = startedAt
        normalised.finishedAt = finishedAt
        return normalised == self
    }

    /// Pretty-printed JSON with sorted keys and a final newline.
    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and arrays cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }

    /// The manifest in `json`, or nil when it is not one.
    static func decoded(_ json: String) -> Manifest? {
        try? JSONDecoder().decode(Manifest.self, from: Data(json.utf8))
    }

    /// The manifest at `path`, or nil when there is none or it cannot be read as one. A link or anything but a
    /// small regular file is not read (the outbox is shared: someone may have planted a link to `/dev/zero`).
    static func existing(at path: String) -> Manifest? {
        guard let bytes = DurableFile.readSmallRegularFile(path, limit: 1 << 20) else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: Data(bytes))
    }
}
