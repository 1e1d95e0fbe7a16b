import Foundation
import SegmentSupport

/// The daemon's state as `GET /v1/status` shows it (``DaemonHandle/status()``): one snapshot, encoded as a JSON
/// object with snake_case keys. Every key is always present; the nullable ones are `null` when not known.
/// The field list with meanings is in `docs/status.md`.
package struct DaemonStatus: Sendable, Equatable, Encodable {
    /// How a settled file ended.
    package enum Outcome: String, Sendable, Equatable, Encodable {
        /// Scored and published (also a file an earlier run had published before a crash).
        case scored
        /// Same content as an earlier input: a manifest points at it, nothing was scored.
        case duplicate
        /// Moved to the failed directory with an `.error.json`.
        case failed
        /// The outbox could not take the output: the input waits in the work directory for a retry.
        case deferred
    }

    /// One of the last settled files.
    package struct File: Sendable, Equatable, Encodable {
        /// The input's name as it arrived in the inbox.
        package var name: String
        package var outcome: Outcome
        /// From the start of the job to its end, in seconds (millisecond precision).
        package var durationSeconds: Double
        /// When the job ended: ISO 8601 UTC with milliseconds.
        package var finishedAt: String
        /// Rows in the scored output (0 for a duplicate); nil when the outcome does not say (failed, deferred, or
        /// published by an earlier run: its manifest has the counts).
        package var rowsScored: Int?
        /// Rows in the rejects file, as `rowsScored`.
        package var rowsRejected: Int?

        enum CodingKeys: String, CodingKey {
            case name, outcome
            case durationSeconds = "duration_seconds"
            case finishedAt = "finished_at"
            case rowsScored = "rows_scored"
            case rowsRejected = "rows_rejected"
        }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(durationSeconds, forKey: .durationSeconds)
            try container.encode(finishedAt, forKey: .finishedAt)
            try container.encode(rowsScored, forKey: .rowsScored)
            try container.encode(rowsRejected, forKey: .rowsRejected)
        }
    }

    /// Files in the inbox the daemon knows of and has not taken yet: settling, or settled and waiting for a worker.
    package var inboxPending: Int
    /// Files in the work directory waiting for a worker: left by an earlier run, or deferred and waiting to be retried.
    package var inWork: Int
    /// Files being processed now.
    package var inFlight: Int
    /// True when intake takes no files: the outbox cannot take output, or the daemon is shutting down.
    package var paused: Bool
    /// Why intake is paused, one sentence each; empty when it is not.
    package var pauseReasons: [String]
    /// The last settled files (at most 20), newest first. Skipped jobs (the file went away) are not listed.
    package var recentFiles: [File]
    /// When this run started: ISO 8601 UTC with milliseconds.
    package var startedAt: String
    /// Seconds since this run started (millisecond precision).
    package var uptimeSeconds: Double
    /// The `config_sha256` the manifests of files started now carry.
    package var configSHA256: String
    /// Names of the enabled plugins, in the order they run.
    package var plugins: [String]
    /// The version of the model new files are scored with.
    package var modelVersion: String
    /// When that model was trained (its `created_at`); nil when the model does not say.
    package var modelCreatedAt: String?
    /// Whole seconds since `modelCreatedAt`; nil when it is nil or cannot be read.
    package var modelAgeSeconds: Int?
    /// The retrain rules' last evaluation (`segmentd run` fills it in); nil before the first or without one.
    package var retrain: RetrainRecord? = nil

    enum CodingKeys: String, CodingKey {
        case inboxPending = "inbox_pending"
        case inWork = "in_work"
        case inFlight = "in_flight"
        case paused
        case pauseReasons = "pause_reasons"
        case recentFiles = "recent_files"
        case startedAt = "started_at"
        case uptimeSeconds = "uptime_seconds"
        case configSHA256 = "config_sha256"
        case plugins
        case modelVersion = "model_version"
        case modelCreatedAt = "model_created_at"
        case modelAgeSeconds = "model_age_seconds"
        case retrain
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(inboxPending, forKey: .inboxPending)
        try container.encode(inWork, forKey: .inWork)
        try container.encode(inFlight, forKey: .inFlight)
        try container.encode(paused, forKey: .paused)
        try container.encode(pauseReasons, forKey: .pauseReasons)
        try container.encode(recentFiles, forKey: .recentFiles)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try container.encode(configSHA256, forKey: .configSHA256)
        try container.encode(plugins, forKey: .plugins)
        try container.encode(modelVersion, forKey: .modelVersion)
        // Optionals encoded with `encode`, not `encodeIfPresent`: the key stays, with null.
        try container.encode(modelCreatedAt, forKey: .modelCreatedAt)
        try container.encode(modelAgeSeconds, forKey: .modelAgeSeconds)
        try container.encode(retrain, forKey: .retrain)
    }
}

extension DaemonStatus {
    /// `duration` in seconds, rounded to the millisecond.
    static func seconds(_ duration: Duration) -> Double {
        let milliseconds = duration.inWholeMilliseconds
        return Double(milliseconds) / 1000
    }

    /// `date` as ISO 8601 UTC with milliseconds (``Timestamp``'s format).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        return Timestamp.milliseconds(seconds: seconds, nanoseconds: (milliseconds - seconds * 1000) * 1_000_000)
    }
}
