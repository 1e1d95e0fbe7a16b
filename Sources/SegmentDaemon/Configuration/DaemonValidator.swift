import Glibc
import SegmentSupport

/// The checks behind `segmentd validate` for the daemon's part: the configuration file and the directories.
///
/// Every problem is returned, not just the first. The CLI adds the model and pipeline checks.
package enum DaemonValidator {
    /// Decodes the configuration file at `path` and checks what it names: every problem of the file (each key on
    /// its own), then the directories of the keys that decoded (the others at their defaults), all with absolute
    /// paths resolved against the base directory.
    package static func validate(configurationFile path: String) -> [ValidationProblem] {
        let (configuration, problems) = DaemonConfiguration.read(path: path)
        return problems.map { ValidationProblem(key: "config", message: $0.description) } + validate(configuration)
    }

    /// Checks that the directories exist (or can be created), are writable, and that the inbox, work, archive and
    /// failed directories share one filesystem, as the atomic moves between them require.
    package static func validate(_ configuration: DaemonConfiguration) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        for (key, path) in [("inbox", configuration.inbox), ("outbox", configuration.outbox)] {
            problems += checkExistingDirectory(key: key, path: path)
        }
        let own = [
            ("work_dir", configuration.workDirectory), ("archive_dir", configuration.archiveDirectory),
            ("failed_dir", configuration.failedDirectory),
            ("ledger", Path.split(configuration.ledger).directory),
            ("lock_file", Path.split(configuration.lockFile).directory),
            ("state_dir", configuration.stateDirectory),
        ]
        for (key, path) in own {
            problems += checkCreatableDirectory(key: key, path: path)
        }
        problems += checkOneFileSystem(configuration)
        return problems
    }

    private static func checkExistingDirectory(key: String, path: String) -> [ValidationProblem] {
        guard let status = try? Syscall.statusFollowingLinks(path) else {
            return [ValidationProblem(key: key, message: "'\(path)' does not exist; create it or correct \(key).")]
        }
        guard status.kind == .directory else {
            return [ValidationProblem(key: key, message: "'\(path)' is not a directory; point \(key) at a directory.")]
        }
        return checkWritable(key: key, path: path)
    }

    /// A directory the daemon creates at start: it must be a writable directory, or its nearest existing
    /// ancestor must be writable.
    private static func checkCreatableDirectory(key: String, path: String) -> [ValidationProblem] {
        if let status = try? Syscall.statusFollowingLinks(path) {
            guard status.kind == .directory else {
                return [
                    ValidationProblem(
                        key: key, message: "'\(path)' exists but is not a directory; move it away or correct \(key).")
                ]
            }
            return checkWritable(key: key, path: path)
        }
        let ancestor = nearestExistingAncestor(of: path)
        guard (try? Syscall.statusFollowingLinks(ancestor))?.kind == .directory else {
            return [
                ValidationProblem(
                    key: key, message: "'\(path)' cannot be created: '\(ancestor)' is not a directory. Correct \(key).")
            ]
        }
        return checkWritable(key: key, path: ancestor).map {
            ValidationProblem(key: $0.key, message: "'\(path)' does not exist and cannot be created: \($0.message)")
        }
    }

    private static func checkWritable(key: String, path: String) -> [ValidationProblem] {
        do {
            try Syscall.checkWritable(path)
            return []
        } catch {
            return [
                ValidationProblem(
                    key: key, message: "'\(path)' is not writable: \(error.reason). Fix its owner or permissions.")
            ]
        }
    }

    private static func checkOneFileSystem(_ configuration: DaemonConfiguration) -> [ValidationProblem] {
        let moved = [
            ("inbox", configuration.inbox), ("work_dir", configuration.workDirectory),
            ("archive_dir", configuration.archiveDirectory), ("failed_dir", configuration.failedDirectory),
        ]
        let devices = moved.compactMap { key, path in
            (try? Syscall.statusFollowingLinks(nearestExistingAncestor(of: path))).map { (key, path, $0.device) }
        }
        guard let (inboxKey, inboxPath, inboxDevice) = devices.first, inboxKey == "inbox" else { return [] }
        return devices.dropFirst().filter { $0.2 != inboxDevice }.map { key, path, _ in
            ValidationProblem(
                key: key,
                message:
                    "'\(path)' is on a different filesystem from the \(inboxKey) '\(inboxPath)'; files move "
                    + "between them "
                    + "by rename, which needs one filesystem. Put \(key) on the inbox's filesystem."
            )
        }
    }

    /// `path` itself if it exists, else its closest parent that does.
    private static func nearestExistingAncestor(of path: String) -> String {
        var current = path
        while (try? Syscall.statusFollowingLinks(current)) == nil {
            let parent = Path.split(current).directory
            if parent == current { return current }
            current = parent
        }
        return current
    }
}

/// One thing `segmentd validate` found wrong, with the configuration key it concerns.
package struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The configuration key (e.g. `archive_dir`), or `config` for the file as a whole.
    package var key: String
    /// What is wrong and how to fix it.
    package var message: String

    /// Makes a problem report.
    package init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    package var description: String { "\(key): \(message)" }
}
