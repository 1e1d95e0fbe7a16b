import GRDB
import SegmentSupport

/// One committed input, as the ledger records it.
struct LedgerEntry: Sendable, Equatable {
    /// How a committed input was handled.
    enum Outcome: String, Sendable {
        /// `failed`: recorded with its manifest before the input moves to the failed directory (see ``failure``).
        case scored, duplicate, failed
    }

    /// What a failed input's entry keeps so that its move and manifest can be finished after a crash.
    struct Failure: Sendable, Equatable {
        /// The input's name in the failed directory.
        var failedName: String
        /// The manifest's exact bytes (UTF-8 JSON), published as they are by whichever attempt gets there.
        var manifestJSON: String
    }

    /// Name of the manifest in the outbox (unique).
    var manifest: String
    var inputName: String
    var sha256: String
    var size: Int64
    var outcome: Outcome
    var identity: FileIdentity
    /// True once the input has been moved to the archive; for a failed input, once it is in the failed directory and
    /// its manifest is published (the entry is settled).
    var archived: Bool
    /// Version of the model that scored the input (for a duplicate, the model current when it was recognised);
    /// nil for entries recorded before the ledger kept it.
    var modelVersion: String?
    /// Set for a failed input only.
    var failure: Failure?

    init(
        manifest: String, inputName: String, sha256: String, size: Int64, outcome: Outcome,
        identity: FileIdentity, archived: Bool = false, modelVersion: String? = nil, failure: Failure? = nil
    ) {
        self.manifest = manifest
        self.inputName = inputName
        self.sha256 = sha256
        self.size = size
        self.outcome = outcome
        self.identity = identity
        self.archived = archived
        self.modelVersion = modelVersion
        self.failure = failure
    }

    init?(row: Row) {
        guard let outcome = Outcome(rawValue: row["outcome"]) else { return nil }
        self.init(
            manifest: row["manifest"], inputName: row["input_name"], sha256: row["sha256"], size: row["size"],
            outcome: outcome,
            identity: FileIdentity(
                device: UInt64(bitPattern: row["device"] as Int64), inode: UInt64(bitPattern: row["inode"] as Int64)
            ),
            archived: row["archived"], modelVersion: row["model_version"]
        )
        if let failedName: String = row["failed_name"], let manifestJSON: String = row["manifest_json"] {
            failure = Failure(failedName: failedName, manifestJSON: manifestJSON)
        }
    }
}
