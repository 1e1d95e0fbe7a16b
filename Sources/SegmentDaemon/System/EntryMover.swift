import Glibc
import SegmentSupport

/// Moves a directory entry into another directory without ever replacing an existing entry there.
///
/// A regular file or symbolic link is moved with `link` then `unlink`, so the move can be interrupted at any point
/// and completed later: if the destination name already holds the very same file (same device and inode),
/// the earlier attempt got as far as the link and only the old name is left to remove.
/// A directory (which cannot be hard-linked) is renamed when its destination name is free.
enum EntryMover {
    /// Where a move ended.
    enum Result: Equatable {
        /// The entry now lives under this name in the destination directory.
        case moved(name: String)
        /// Every candidate name is taken by another file.
        case destinationTaken
    }

    /// Moves `sourcePath` into `directory` under the first of `candidates` that is free or already holds the same file.
    static func move(
        _ sourcePath: String, into directory: String, candidates: some Sequence<String>
    ) throws(Errno) -> Result {
        let source = try Syscall.lstat(sourcePath)
        for name in candidates {
            let destination = Path.join(directory, name)
            if let existing = try Syscall.lstatIfPresent(destination) {
                guard existing.identity == source.identity else { continue }
                try Syscall.unlink(sourcePath)
                return .moved(name: name)
            }
            if source.kind == .directory {
                try Syscall.rename(sourcePath, destination)
                return .moved(name: name)
            }
            do {
                try Syscall.link(sourcePath, destination)
            } catch  where error.code == EEXIST {
                continue
            }
            try Syscall.unlink(sourcePath)
            return .moved(name: name)
        }
        return .destinationTaken
    }

    /// Links `sourcePath` into `directory` as `name`, keeping the source name: true when the link is made or the name
    /// already holds the same file (an earlier attempt), false when it holds another file. ``move(_:into:candidates:)``
    /// with that name later removes the source name only.
    static func link(_ sourcePath: String, into directory: String, name: String) throws(Errno) -> Bool {
        let source = try Syscall.lstat(sourcePath)
        let destination = Path.join(directory, name)
        if let existing = try Syscall.lstatIfPresent(destination) { return existing.identity == source.identity }
        do {
            try Syscall.link(sourcePath, destination)
        } catch  where error.code == EEXIST {
            return (try Syscall.lstatIfPresent(destination))?.identity == source.identity
        }
        return true
    }

    /// Candidate names for `name` in a directory that may already hold that name: `a.csv`, `a-2.csv`, `a-3.csv`, …
    /// Each fits in 255 bytes: a stem too long for its `-N` is cut and completed with a hash (``NameLength``).
    static func candidates(for name: String, limit: Int = 10_000) -> some Sequence<String> {
        var (stem, fileExtension) = Path.stemAndExtension(name)
        if let found = fileExtension, RawPath.byteCount(found) > 32 {
            (stem, fileExtension) = (name, nil)
        }
        let suffix = fileExtension.map { ".\($0)" } ?? ""
        return (1...max(1, limit)).lazy.map { number in
            guard number > 1 else { return name }
            let clash = "-\(number)\(suffix)"
            let budget = NameLength.maximumBytes - RawPath.byteCount(clash)
            return NameLength.fit(stem, within: budget, hashing: name) + clash
        }
    }
}
