import GRDB
import SegmentSupport

/// One committed input, as the ledger records it.
struct LedgerEntry: Sendable, Equatable {
    /// How a committed input was handled.
    enum Outcome: String, Sendable {
        case scored, duplicate
    }

    /// Name of the manifest in the outbox (unique).
    var manifest: String
    var inputName: String
    var sha256: String
    var size: Int64
    var outcome: Outcome
    var identity: FileIdentity
    /// True once the input has been moved to the archive.
    var archived: Bool
    /// Version of the model that scored the input (for a duplicate, the model current when it was recognised);
    /// nil for entries recorded before the ledger kept it.
    var modelVersion: String?

    init(
        manifest: String, inputName: String, sha256: String, size: Int64, outcome: Outcome,
        identity: FileIdentity, archived: Bool = false, modelVersion: String? = nil
    ) {
        self.manifest = manifest
        self.inputName = inputName
        self.sha256 = sha256
        self.size = size
        self.outcome = outcome
        self.identity = identity
        self.archived = archived
        self.modelVersion = modelVersion
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
    }
}
