import Glibc
import SegmentSupport

/// Publishes files so that a reader never sees a partial one under its final name, and a crash never loses one.
///
/// A file is written under a hidden temporary name in the same directory (`.<stem>.partial.<ext>`: hidden, and keeping
/// the extension, so a person sees what it is; writers are told the format explicitly), flushed with `fsync`,
/// and renamed into place; the directory itself is flushed after the rename so the new name survives a power cut.
///
/// The outbox is shared with consumers, so a symbolic or hard link may stand at a temporary name: every file is
/// created new (whatever stands at its name removed first, then `O_CREAT | O_EXCL | O_NOFOLLOW`), so nothing is ever
/// written through a link. A `rename` over a link replaces the link itself, never its target.
enum DurableFile {
    /// The hidden name a file is written under before it is renamed to `finalPath`.
    static func temporaryPath(for finalPath: String) -> String {
        let (directory, name) = Path.split(finalPath)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            return Path.join(directory, ".\(name).partial")
        }
        return Path.join(directory, ".\(name[..<dot]).partial\(name[dot...])")
    }

    /// Writes `bytes` to `finalPath` atomically and durably (file and directory flushed).
    static func write(_ bytes: some Collection<UInt8>, to finalPath: String) throws(Errno) {
        let temporary = temporaryPath(for: finalPath)
        let descriptor = try createNew(temporary)
        defer { Syscall.close(descriptor) }
        try Syscall.writeAll(descriptor, bytes, path: temporary)
        try Syscall.fsync(descriptor, path: temporary)
        try Syscall.rename(temporary, finalPath)
        try Syscall.fsync(path: Path.split(finalPath).directory)
    }

    /// A finished temporary and the name it is published under.
    struct Publication {
        var temporary: String
        var final: String
        /// True when its writer flushed it to stable storage already (the scored output, see `DurableOutput`).
        var isSynced = false
    }

    /// Publishes several finished temporaries: flushes each its writer did not flush, then renames them into place
    /// in the order given. The caller flushes the directory once after publishing all its files.
    static func publish(_ files: [Publication]) throws(Errno) {
        for file in files where !file.isSynced {
            try Syscall.withOpenFile(file.temporary, O_RDONLY | O_NOFOLLOW) { (descriptor) throws(Errno) in
                try Syscall.fsync(descriptor, path: file.temporary)
            }
        }
        for file in files { try Syscall.rename(file.temporary, file.final) }
    }

    /// Creates the file at `path` for writing, new: whatever stands at the name (a leftover, or a link someone planted)
    /// is removed first and the file is created with `O_EXCL | O_NOFOLLOW`. Fails with `EEXIST` naming `path` when
    /// an entry keeps appearing there, and with the `unlink` error when the entry cannot be removed (a directory).
    static func createNew(_ path: String) throws(Errno) -> Int32 {
        var attempts = 0
        while true {
            try discardTemporary(path)
            do {
                return try Syscall.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
            } catch  where error.code == EEXIST && attempts < 2 {
                attempts += 1
            }
        }
    }

    /// Removes the daemon's own leftover temporary file at `temporaryPath`, if there is one.
    static func discardTemporary(_ temporaryPath: String) throws(Errno) {
        do {
            try Syscall.unlink(temporaryPath)
        } catch  where error.code == ENOENT {
            return
        }
    }

    /// The content of the regular file at `path` when it is one of at most `limit` bytes; nil for a link, a FIFO,
    /// a device, a larger file, or when it cannot be read.
    static func readSmallRegularFile(_ path: String, limit: Int) -> [UInt8]? {
        guard let descriptor = try? Syscall.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK) else { return nil }
        defer { Syscall.close(descriptor) }
        guard let status = try? Syscall.fstat(descriptor, path: path), status.kind == .regular, status.size <= limit
        else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.size) + 1)
        var count = 0
        while count < bytes.count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                try? Syscall.read(
                    descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]), path: path)
            }
            guard let got else { return nil }
            if got == 0 { break }
            count += got
        }
        return count <= limit ? Array(bytes.prefix(count)) : nil
    }
}
