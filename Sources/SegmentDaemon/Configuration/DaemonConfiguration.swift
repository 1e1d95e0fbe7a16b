import Glibc
package import Logging

/// Everything the inbox daemon can be told, with every default in this one place.
///
/// Relative paths resolve against one base directory (`base_dir`), never the working directory: by default the
/// parent of the directory holding the configuration file (the shipped layout is `etc/segmentd.toml`, so the base
/// is the tree above `etc/`); the working directory only when there is no configuration file. ``load(path:)``
/// returns every path absolute (see ``resolvingPaths(configurationFile:workingDirectory:)``);
/// ``init(tomlText:source:)`` leaves them as written. `etc/segmentd.toml` documents each key.
package struct DaemonConfiguration: Sendable, Equatable {
    /// How the daemon notices new files.
    package enum Mode: String, Sendable, CaseIterable {
        /// inotify events, with a periodic reconcile scan as the backstop.
        case watch
        /// Directory scans only, every `poll_interval` (for NFS and other filesystems without inotify).
        case poll
    }

    /// What to do with a file whose content was processed before.
    package enum DuplicatePolicy: String, Sendable, CaseIterable {
        /// Write a manifest that points at the earlier result, score nothing.
        case skip
        /// Score it again like a new file.
        case rescore
    }

    /// How log lines are written.
    package enum LogFormat: String, Sendable, CaseIterable {
        /// One human-readable line per event.
        case text
        /// One JSON object per line.
        case json
    }

    /// The directory relative paths resolve against (`base_dir`); empty for the default (see the type's comment).
    /// After resolution it is the absolute base directory.
    package var baseDirectory = ""
    /// Directory watched for incoming files (`inbox`).
    package var inbox = "inbox"
    /// Directory the scored files, rejects and manifests are published in (`outbox`).
    package var outbox = "outbox"
    /// Where a file lives while it is processed (`work_dir`); must be on the inbox's filesystem.
    package var workDirectory = "var/work"
    /// Where processed inputs are kept (`archive_dir`); must be on the inbox's filesystem.
    package var archiveDirectory = "var/archive"
    /// Where inputs that could not be processed go, each with a `.error.json` (`failed_dir`).
    package var failedDirectory = "var/failed"
    /// SQLite database recording every processed file's content hash (`ledger`).
    package var ledger = "var/ledger.sqlite"
    /// File locked with `flock` so that only one daemon serves the inbox (`lock_file`).
    package var lockFile = "var/segmentd.lock"
    /// The model the processor scores with (`model`): `registry:champion` (the registry's champion alias, followed
    /// without a restart), another registry reference, or the path of a pinned model file.
    package var model = "registry:champion"
    /// The feature pipeline spec (`pipeline`).
    package var pipeline = "etc/pipeline.toml"
    /// The segment archetypes (`segments`).
    package var segments = "etc/segments.toml"
    /// Directory of the action plugins' settings files, `<name>.toml` each (`plugins_dir`).
    package var pluginsDirectory = "etc/plugins.d"
    /// Directory the plugins keep their durable state in, such as the migration history (`state_dir`).
    package var stateDirectory = "var"
    /// How many files are processed at once (`workers`); defaults to the number of CPU cores.
    package var workers = DaemonConfiguration.processorCount
    /// How long a file closed after writing must keep its size and modification time before it is taken (`min_age`).
    package var minAge: Duration = .seconds(1)
    /// The same for a file renamed or hard-linked into the inbox, which appears complete (`min_age_renamed`).
    package var minAgeRenamed: Duration = .zero
    /// Period of the backstop scan in watch mode (`reconcile_interval`).
    package var reconcileInterval: Duration = .seconds(60)
    /// Period of the scan in poll mode (`poll_interval`).
    package var pollInterval: Duration = .seconds(2)
    /// `watch` or `poll` (`mode`).
    package var mode: Mode = .watch
    /// `skip` or `rescore` (`duplicates`).
    package var duplicates: DuplicatePolicy = .skip
    /// A file whose share of rejected rows is above this, or that had rows but none scored, fails with
    /// `too_many_rejects` (`max_reject_share`, 0 to 1).
    package var maxRejectShare = 0.5
    /// Rows scored with a confidence below this count in `segmentd_low_confidence_rows_total`
    /// (`low_confidence_threshold`, 0 to 1); metrics only, the outputs do not change.
    package var lowConfidenceThreshold = 0.5
    /// How long shutdown waits for files in progress before handing them back (`drain_timeout`).
    package var drainTimeout: Duration = .seconds(30)
    /// `text` or `json` (`log_format`).
    package var logFormat: LogFormat = .text
    /// Records below this level are not logged (`log_level`); `segmentd run --log-level` overrides it.
    package var logLevel: Logger.Level = .info
    /// Files at least this large use at most `workers - 1` workers, so small files always get one (`large_file_bytes`).
    package var largeFileBytes: Int64 = 64 << 20
    /// The outbox is treated as full below this much free space (`min_free_bytes`).
    package var minFreeBytes: Int64 = 16 << 20
    /// How often a paused daemon checks whether the outbox can be written again (`outbox_retry_interval`).
    package var outboxRetryInterval: Duration = .seconds(5)
    /// The HTTP server (`[http]`).
    package var http = HTTPConfiguration()
    /// Retraining: the retrain rules' thresholds and the reservoir of scored rows (`[retrain]`).
    package var retrain = RetrainConfiguration()
    /// Shadow and A/B scoring with the registry's challenger (`[challenger]`).
    package var challenger = ChallengerConfiguration()

    /// The keys the configuration file sets; the others keep their defaults. A path the operator names must exist
    /// (`plugins_dir`, `pipeline`, `segments`); a default one may be absent (no plugins, the built-in pipeline).
    package var keysSet: Set<String> = []

    /// The built-in defaults.
    package init() {}

    /// Number of online CPU cores, at least 1.
    package static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
