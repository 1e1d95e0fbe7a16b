/// What a job works with, fixed when it starts: a reload affects only the jobs that start after it.
struct JobContext: Sendable {
    let configuration: DaemonConfiguration
    let processor: any FileProcessor
    /// ``DaemonConfiguration/outputHash``, written into manifests.
    let configurationHash: String
    let ledger: Ledger
    let outboxProbe: any OutboxHealthProbe
    /// Called after each step of a job; a throw stops the job on the spot, as a crash would (tests only).
    var stepObserver: (@Sendable (JobStep) throws -> Void)?

    /// Reports that a job reached `step`.
    func reached(_ step: JobStep) throws {
        try stepObserver?(step)
    }
}

/// The steps of a ``FileJob``, in order: a scored or duplicate input's up to `archived`, a failed input's from
/// `failureRecorded` on (after `claimed`, or after `outputsPublished` for a file with too many rejects).
enum JobStep: Sendable, CaseIterable {
    case claimed
    case outputsWritten
    case outputsPublished
    case manifestPublished
    case ledgerRecorded
    case archived
    /// The failure is in the ledger with its failed name and manifest bytes.
    case failureRecorded
    /// The error report is written and the input is linked into the failed directory (still named in the work
    /// directory).
    case movedToFailed
    /// The failed manifest is published.
    case failedManifestPublished
}

/// Where a job's file is when the job starts.
enum JobSource: Sendable, Hashable {
    /// In the inbox: the job claims it first.
    case inbox(name: String)
    /// Already in the work directory: recovered after a restart or deferred earlier.
    case work(name: String)

    var name: String {
        switch self {
        case .inbox(let name), .work(let name): name
        }
    }
}
