package import SegmentSupport
/// A problem that stops the daemon from starting or from running on: what is wrong, where, and how to fix it.
package struct DaemonError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case alreadyRunning
        case cannotOpenLock
        case missingDirectory
        case fileSystem
        case ledger
        case configuration
        case watch
        case unsafeStateFile
    }

    private let code: Code
    /// A sentence (or a few) for a person: what went wrong and what to do about it.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var description: String { message }

    /// True when another daemon already holds the lock for this inbox.
    package var isAlreadyRunning: Bool { code == .alreadyRunning }

    /// The exit status class (sysexits.h): `EX_TEMPFAIL` (75) when another daemon holds the lock, which
    /// `etc/segmentd.service` lists in `RestartPreventExitStatus`; `EX_CONFIG` (78) for configuration problems;
    /// `EX_CANTCREAT` for a lock file that cannot be taken; `EX_IOERR` for file system and ledger failures;
    /// `EX_UNAVAILABLE` when the inbox cannot be watched.
    package var exitStatus: ExitStatus {
        switch code {
        case .alreadyRunning: .temporaryFailure
        case .configuration, .missingDirectory: .configuration
        case .cannotOpenLock, .unsafeStateFile: .cannotCreate
        case .fileSystem, .ledger: .ioError
        case .watch: .unavailable
        }
    }

    static func alreadyRunning(lockFile: String, inbox: String, holderPid: Int32?) -> DaemonError {
        let holder = holderPid.map { "process \($0)" } ?? "another process"
        return DaemonError(
            .alreadyRunning,
            "segmentd is already running for inbox '\(inbox)': \(holder) holds the lock file '\(lockFile)'. "
                + "Stop that daemon first, or give this one its own inbox and lock_file."
        )
    }

    static func alreadyRunning(directoryKey: String, directory: String, inbox: String) -> DaemonError {
        DaemonError(
            .alreadyRunning,
            "segmentd is already running on the \(directoryKey) directory '\(directory)' (another process "
                + "holds its lock), "
                + "so this daemon for inbox '\(inbox)' cannot start whatever its lock_file. Stop that daemon first, "
                + "or give this one its own inbox, work_dir, state_dir and ledger."
        )
    }

    static func unsafeStateFile(_ problem: String) -> DaemonError {
        DaemonError(.unsafeStateFile, problem + ".")
    }

    static func cannotOpenLock(path: String, cause: Errno) -> DaemonError {
        DaemonError(.cannotOpenLock, "Cannot take the lock file '\(path)': \(cause). Set lock_file to a writable path.")
    }

    static func missingDirectory(key: String, path: String) -> DaemonError {
        DaemonError(
            .missingDirectory,
            "The \(key) directory '\(path)' does not exist. Create it or correct \(key) in the configuration.")
    }

    static func fileSystem(_ cause: Errno, doing action: String) -> DaemonError {
        DaemonError(.fileSystem, "Could not \(action): \(cause).")
    }

    static func ledger(path: String, cause: any Error) -> DaemonError {
        DaemonError(
            .ledger,
            "The ledger database '\(path)' cannot be used: \(cause). Check the file and its directory are writable; "
                + "if the file is damaged, move it aside (duplicates processed before then will not be recognised)."
        )
    }

    static func configuration(_ error: ConfigurationError) -> DaemonError {
        DaemonError(.configuration, error.message)
    }

    static func watcherBusy(path: String) -> DaemonError {
        DaemonError(
            .watch,
            "Cannot watch '\(path)': another inotify watcher in this process did not stop within 3 seconds "
                + "(libinotifytools allows one at a time). Stop the other watcher first."
        )
    }

    static func watch(path: String, cause: Errno) -> DaemonError {
        DaemonError(
            .watch,
            "Cannot watch the inbox '\(path)' with inotify: \(cause). "
                + "Raise fs.inotify.max_user_watches/max_user_instances, or set mode = \"poll\"."
        )
    }
}

extension DaemonError: ExitStatusClassified {}
