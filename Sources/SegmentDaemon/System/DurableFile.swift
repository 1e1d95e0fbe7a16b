import Glibc

/// Publishes files so that a reader never sees a partial one under its final name, and a crash never loses one.
///
/// A file is written under a hidden temporary name in the same directory (`.<stem>.partial.<ext>`: hidden, and keeping
/// the extension that tells writers the format), flushed with `fsync`,
/// and renamed into place; the directory itself is flushed after the rename so the new name survives a power cut.
enum DurableFile {
    /// The hidden name a file is written under before it is renamed to `finalPath`.
    static func temporaryPath(for finalPath: String) -> String {
        let (directory, name) = Path.split(finalPath)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return Path.join(directory, ".\(name).partial") }
        return Path.join(directory, ".\(name[..<dot]).partial\(name[dot...])")
    }

    /// Writes `bytes` to `finalPath` atomically and durably (file and directory flushed).
    static func write(_ bytes: some Collection<UInt8>, to finalPath: String) throws(ErrnoError) {
        let temporary = temporaryPath(for: finalPath)
        try Syscall.withOpenFile(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW) { (descriptor) throws(ErrnoError) in
            try Syscall.writeAll(descriptor, bytes, path: temporary)
            try Syscall.fsync(descriptor, path: temporary)
        }
        try Syscall.rename(temporary, finalPath)
        try Syscall.fsync(path: Path.split(finalPath).directory)
    }

    /// Publishes several finished temporaries: flushes each, then renames them into place in the order given.
    /// The caller flushes the directory once after publishing all its files.
    static func publish(_ files: [(temporary: String, final: String)]) throws(ErrnoError) {
        for file in files {
            try Syscall.withOpenFile(file.temporary, O_RDONLY | O_NOFOLLOW) { (descriptor) throws(ErrnoError) in
                try Syscall.fsync(descriptor, path: file.temporary)
            }
        }
        for file in files { try Syscall.rename(file.temporary, file.final) }
    }

    /// Removes the daemon's own leftover temporary file at `temporaryPath`, if there is one.
    static func discardTemporary(_ temporaryPath: String) throws(ErrnoError) {
        do {
            try Syscall.unlink(temporaryPath)
        } catch where error.code == ENOENT {
            return
        }
    }
}

