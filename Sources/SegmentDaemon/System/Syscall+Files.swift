import Glibc
import SegmentSupport

/// File and directory calls, each routed through ``Syscall/check(_:_:_:)``.
extension Syscall {
    /// Opens `path`; the caller closes the descriptor.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(ErrnoError) -> Int32 {
        try check("open", path) { RawPath.withCString(path) { Glibc.open($0, flags | O_CLOEXEC, mode) } }
    }

    /// Opens `path`, runs `body` with the descriptor, and closes it.
    static func withOpenFile<T>(
        _ path: String, _ flags: Int32, mode: mode_t = 0o644, _ body: (Int32) throws(ErrnoError) -> T
    ) throws(ErrnoError) -> T {
        let descriptor = try open(path, flags, mode: mode)
        defer { close(descriptor) }
        return try body(descriptor)
    }

    /// Status of the entry at `path` itself; a symbolic link is not followed.
    static func lstat(_ path: String) throws(ErrnoError) -> FileStatus {
        var raw = stat()
        try check("lstat", path) { RawPath.withCString(path) { Glibc.lstat($0, &raw) } }
        return FileStatus(raw)
    }

    /// Status of what `path` names, following symbolic links (for configured directories, which may be links).
    static func statusFollowingLinks(_ path: String) throws(ErrnoError) -> FileStatus {
        var raw = stat()
        try check("stat", path) { RawPath.withCString(path) { stat($0, &raw) } }
        return FileStatus(raw)
    }

    /// Status of the entry at `path`, or nil when there is none.
    static func lstatIfPresent(_ path: String) throws(ErrnoError) -> FileStatus? {
        do {
            return try lstat(path)
        } catch  where error.code == ENOENT {
            return nil
        }
    }

    /// Status of an open file.
    static func fstat(_ descriptor: Int32, path: String) throws(ErrnoError) -> FileStatus {
        var raw = stat()
        try check("fstat", path) { Glibc.fstat(descriptor, &raw) }
        return FileStatus(raw)
    }

    /// Flushes the file's data and metadata to stable storage.
    static func fsync(_ descriptor: Int32, path: String) throws(ErrnoError) {
        try check("fsync", path) { Glibc.fsync(descriptor) }
    }

    /// Flushes the file or directory at `path` to stable storage (for a directory: its entries, i.e. renames).
    static func fsync(path: String) throws(ErrnoError) {
        try withOpenFile(path, O_RDONLY) { (descriptor) throws(ErrnoError) in
            try fsync(descriptor, path: path)
        }
    }

    /// Renames `source` to `destination`, replacing it if it exists.
    static func rename(_ source: String, _ destination: String) throws(ErrnoError) {
        try check("rename", "\(source) -> \(destination)") {
            RawPath.withCString(source) { from in RawPath.withCString(destination) { Glibc.rename(from, $0) } }
        }
    }

    /// Adds the name `destination` for the file `source`; fails with `EEXIST` rather than replace anything.
    static func link(_ source: String, _ destination: String) throws(ErrnoError) {
        try check("link", "\(source) -> \(destination)") {
            RawPath.withCString(source) { from in
                RawPath.withCString(destination) { linkat(AT_FDCWD, from, AT_FDCWD, $0, 0) }
            }
        }
    }

    /// Removes one name of a file. The daemon only removes a name after the same file has another one.
    static func unlink(_ path: String) throws(ErrnoError) {
        try check("unlink", path) { RawPath.withCString(path) { Glibc.unlink($0) } }
    }

    /// Creates a directory; succeeds when one already exists there.
    static func makeDirectory(_ path: String) throws(ErrnoError) {
        do {
            try check("mkdir", path) { RawPath.withCString(path) { mkdir($0, 0o755) } }
        } catch  where error.code == EEXIST {
            guard try statusFollowingLinks(path).kind == .directory else { throw error }
        }
    }

    /// Takes or tests an advisory `flock` lock.
    static func lockFile(_ descriptor: Int32, _ operation: Int32, path: String) throws(ErrnoError) {
        try check("flock", path) { flock(descriptor, operation) }
    }

    /// Truncates an open file to `length` bytes.
    static func truncate(_ descriptor: Int32, to length: Int, path: String) throws(ErrnoError) {
        try check("ftruncate", path) { ftruncate(descriptor, off_t(length)) }
    }

    /// Writes all of `bytes`, looping over short writes.
    static func writeAll(_ descriptor: Int32, _ bytes: some Collection<UInt8>, path: String) throws(ErrnoError) {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let written = try check("write", path) {
                array.withUnsafeBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
            }
            offset += written
        }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(ErrnoError)
        -> Int
    {
        try check("read", path) { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// Checks that the calling process may write into `path` (fails with `EROFS` on a read-only mount).
    static func checkWritable(_ path: String) throws(ErrnoError) {
        try check("access", path) { RawPath.withCString(path) { access($0, W_OK) } }
    }

    /// Filesystem statistics for the filesystem holding `path`.
    static func fileSystemStatus(_ path: String) throws(ErrnoError) -> statvfs {
        var raw = statvfs()
        try check("statvfs", path) { RawPath.withCString(path) { statvfs($0, &raw) } }
        return raw
    }
}
