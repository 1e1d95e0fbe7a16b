import Glibc

/// Everything the inbox daemon can be told, with every default in this one place.
///
/// Relative paths are relative to the working directory the daemon runs in. Decode it from TOML with
/// ``init(tomlText:source:)`` or ``load(path:)``; `etc/segmentd.toml` documents each key.
public struct DaemonConfiguration: Sendable, Equatable {
    /// How the daemon notices new files.
    public enum Mode: String, Sendable, CaseIterable {
        /// inotify events, with a periodic reconcile scan as the backstop.
        case watch
        /// Directory scans only, every `poll_interval` (for NFS and other filesystems without inotify).
        case poll
    }

    /// What to do with a file whose content was processed before.
    public enum DuplicatePolicy: String, Sendable, CaseIterable {
        /// Write a manifest that points at the earlier result, score nothing.
        case skip
        /// Score it again like a new file.
        case rescore
    }

    /// How log lines are written.
    public enum LogFormat: String, Sendable, CaseIterable {
        /// One human-readable line per event.
        case text
        /// One JSON object per line.
        case json
    }

    /// Directory watched for incoming files (`inbox`).
    public var inbox = "inbox"
    /// Directory the scored files, rejects and manifests are published in (`outbox`).
    public var outbox = "outbox"
    /// Where a file lives while it is processed (`work_dir`); must be on the inbox's filesystem.
    public var workDirectory = "var/work"
    /// Where processed inputs are kept (`archive_dir`); must be on the inbox's filesystem.
    public var archiveDirectory = "var/archive"
    /// Where inputs that could not be processed go, each with a `.error.json` (`failed_dir`).
    public var failedDirectory = "var/failed"
    /// SQLite database recording every processed file's content hash (`ledger`).
    public var ledger = "var/ledger.sqlite"
    /// File locked with `flock` so that only one daemon serves the inbox (`lock_file`).
    public var lockFile = "var/segmentd.lock"
    /// The model file the processor scores with (`model`).
    public var model = "var/model.json"
    /// The feature pipeline spec (`pipeline`).
    public var pipeline = "etc/pipeline.toml"
    /// The segment archetypes (`segments`).
    public var segments = "etc/segments.toml"
    /// Directory of the action plugins' settings files, `<name>.toml` each (`plugins_dir`).
    public var pluginsDirectory = "etc/plugins.d"
    /// Directory the plugins keep their durable state in, such as the migration history (`state_dir`).
    public var stateDirectory = "var"
    /// How many files are processed at once (`workers`); defaults to the number of CPU cores.
    public var workers = DaemonConfiguration.processorCount
    /// How long a file closed after writing must keep its size and modification time before it is taken (`min_age`).
    public var minAge: Duration = .seconds(1)
    /// The same for a file renamed or hard-linked into the inbox, which appears complete (`min_age_renamed`).
    public var minAgeRenamed: Duration = .zero
    /// Period of the backstop scan in watch mode (`reconcile_interval`).
    public var reconcileInterval: Duration = .seconds(60)
    /// Period of the scan in poll mode (`poll_interval`).
    public var pollInterval: Duration = .seconds(2)
    /// `watch` or `poll` (`mode`).
    public var mode: Mode = .watch
    /// `skip` or `rescore` (`duplicates`).
    public var duplicates: DuplicatePolicy = .skip
    /// How long shutdown waits for files in progress before handing them back (`drain_timeout`).
    public var drainTimeout: Duration = .seconds(30)
    /// `text` or `json` (`log_format`).
    public var logFormat: LogFormat = .text
    /// Files at least this large use at most `workers - 1` workers, so small files always get one (`large_file_bytes`).
    public var largeFileBytes: Int64 = 64 << 20
    /// The outbox is treated as full below this much free space (`min_free_bytes`).
    public var minFreeBytes: Int64 = 16 << 20
    /// How often a paused daemon checks whether the outbox can be written again (`outbox_retry_interval`).
    public var outboxRetryInterval: Duration = .seconds(5)

    /// The built-in defaults.
    public init() {}

    /// Number of online CPU cores, at least 1.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}
