/// Checks made on the daemon's state files (the ledger, the lock file, the monitoring windows, the reservoir) before
/// they are opened.
///
/// They live in `var/`, which belongs to the daemon's user; still, a symbolic link or a second hard link there
/// would make the daemon write some other file. SQLite (through GRDB) cannot be asked for `O_NOFOLLOW`, so each
/// file, and the journal files SQLite keeps beside a database, is looked at with `lstat` first: a link, a file with
/// more than one name, or anything but a regular file is refused. An absent file is fine (it is created).
package enum StateFile {
    /// What is wrong with a state file.
    package struct Refusal: Error, Sendable, CustomStringConvertible {
        /// The path refused.
        package let path: String
        /// Why, in words for a person.
        package let problem: String

        package init(path: String, problem: String) {
            self.path = path
            self.problem = problem
        }

        package var description: String {
            "'\(path)' \(problem); segmentd refuses to open it, so that it never writes another file through it. "
                + "Remove the entry (the daemon creates a new file) or point the setting at a regular file"
        }
    }

    /// Throws ``Refusal`` when the entry at `path` is not a regular file with one name, ``Errno`` when it
    /// cannot be looked at.
    package static func check(_ path: String) throws {
        guard let status = try Syscall.lstatIfPresent(path) else { return }
        switch status.kind {
        case .regular:
            guard status.linkCount <= 1 else {
                throw Refusal(
                    path: path, problem: "has \(status.linkCount) hard links (another name for the same file)")
            }
        case .symbolicLink: throw Refusal(path: path, problem: "is a symbolic link")
        case .directory: throw Refusal(path: path, problem: "is a directory")
        case .other: throw Refusal(path: path, problem: "is not a regular file")
        }
    }

    /// Checks a SQLite database at `path` and the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`).
    package static func checkDatabase(_ path: String) throws {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try check(path + suffix)
        }
    }
}
