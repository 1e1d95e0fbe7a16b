package import Glibc

/// File and directory calls, each routed through ``Syscall/valueOrErrno(_:_:_:)``.
extension Syscall {
    /// Opens `path`; the caller closes the descriptor.
    package static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o644) throws(Errno) -> Int32 {
        try valueOrErrno("open", path) { RawPath.withCString(path) { Glibc.open($0, flags | O_CLOEXEC, mode) } }
    }

    /// Opens `path`, runs `body` with the descriptor, and closes it.
    package static func withOpenFile<T>(
        _ path: String, _ flags: Int32, mode: mode_t = 0o644, _ body: (Int32) throws(Errno) -> T
    ) throws(Errno) -> T {
        let descriptor = try open(path, flags, mode: mode)
        defer { close(descriptor) }
        return try body(descriptor)
    }

    /// Status of the entry at `path` itself; a symbolic link is not followed.
    package static func lstat(_ path: String) throws(Errno) -> FileStatus {
        var raw = stat()
        try valueOrErrno("lstat", path) { RawPath.withCString(path) { Glibc.lstat($0, &raw) } }
        return FileStatus(raw)
    }

    /// Status of what `path` names, following symbolic links (for configured directories, which may be links).
    package static func statusFollowingLinks(_ path: String) throws(Errno) -> FileStatus {
        var raw = stat()
        try valueOrErrno("stat", path) { RawPath.withCString(path) { stat($0, &raw) } }
        return FileStatus(raw)
    }

    /// Status of the entry at `path`, or nil when there is none.
    package static func lstatIfPresent(_ path: String) throws(Errno) -> FileStatus? {
        do {
            return try lstat(path)
        } catch  where error.code == ENOENT {
            return nil
        }
    }

    /// Status of an open file.
    package static func fstat(_ descriptor: Int32, path: String) throws(Errno) -> FileStatus {
        var raw = stat()
        try valueOrErrno("fstat", path) { Glibc.fstat(descriptor, &raw) }
        return FileStatus(raw)
    }

    /// Flushes the file's data and metadata to stable storage.
    package static func fsync(_ descriptor: Int32, path: String) throws(Errno) {
        try valueOrErrno("fsync", path) { Glibc.fsync(descriptor) }
    }

    /// Flushes the file or directory at `path` to stable storage (for a directory: its entries, i.e. renames).
    package static func fsync(path: String) throws(Errno) {
        try withOpenFile(path, O_RDONLY) { (descriptor) throws(Errno) in
            try fsync(descriptor, path: path)
        }
    }

    /// Renames `source` to `destination`, replacing it if it exists.
    package static func rename(_ source: String, _ destination: String) throws(Errno) {
        try valueOrErrno("rename", "\(source) -> \(destination)") {
            RawPath.withCString(source) { from in RawPath.withCString(destination) { Glibc.rename(from, $0) } }
        }
    }

    /// Adds the name `destination` for the file `source`; fails with `EEXIST` rather than replace anything.
    package static func link(_ source: String, _ destination: String) throws(Errno) {
        try valueOrErrno("link", "\(source) -> \(destination)") {
            RawPath.withCString(source) { from in
                RawPath.withCString(destination) { linkat(AT_FDCWD, from, AT_FDCWD, $0, 0) }
            }
        }
    }

    /// Removes one name of a file. The daemon only removes a name after the same file has another one.
    package static func unlink(_ path: String) throws(Errno) {
        try valueOrErrno("unlink", path) { RawPath.withCString(path) { Glibc.unlink($0) } }
    }

    /// Creates a directory; succeeds when one already exists there.
    package static func makeDirectory(_ path: String) throws(Errno) {
        do {
            try valueOrErrno("mkdir", path) { RawPath.withCString(path) { mkdir($0, 0o755) } }
        } catch  where error.code == EEXIST {
            guard try statusFollowingLinks(path).kind == .directory else { throw error }
        }
    }

    /// Takes or tests an advisory `flock` lock.
    package static func lockFile(_ descriptor: Int32, _ operation: Int32, path: String) throws(Errno) {
        try valueOrErrno("flock", path) { flock(descriptor, operation) }
    }

    /// Truncates an open file to `length` bytes.
    package static func truncate(_ descriptor: Int32, to length: Int, path: String) throws(Errno) {
        try valueOrErrno("ftruncate", path) { ftruncate(descriptor, off_t(length)) }
    }

    /// Writes all of `bytes`, looping over short writes.
    package static func writeAll(_ descriptor: Int32, _ bytes: some Collection<UInt8>, path: String) throws(Errno) {
        let array = Array(bytes)
        var offset = 0
        while offset < array.count {
            let written = try valueOrErrno("write", path) {
                array.withUnsafeBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
            }
            offset += written
        }
    }

    /// Writes all of `bytes`, memory the caller owns, looping over short writes; nothing is copied.
    package static func writeAll(_ descriptor: Int32, from bytes: UnsafeRawBufferPointer, path: String) throws(Errno) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            offset += try valueOrErrno("write", path) { Glibc.write(descriptor, base + offset, bytes.count - offset) }
        }
    }

    /// Flushes the file's data (and the metadata needed to read it back) to stable storage.
    package static func fdatasync(_ descriptor: Int32, path: String) throws(Errno) {
        try valueOrErrno("fdatasync", path) { Glibc.fdatasync(descriptor) }
    }

    /// The open file's status flags (`fcntl(F_GETFL)`), such as `O_DIRECT`.
    package static func statusFlags(_ descriptor: Int32, path: String) throws(Errno) -> Int32 {
        try valueOrErrno("fcntl", path) { fcntl(descriptor, F_GETFL) }
    }

    /// Sets the open file's status flags (`fcntl(F_SETFL)`).
    package static func setStatusFlags(_ descriptor: Int32, _ flags: Int32, path: String) throws(Errno) {
        try valueOrErrno("fcntl", path) { fcntl(descriptor, F_SETFL, flags) }
    }

    /// Reads up to `buffer.count` bytes; 0 means end of file.
    package static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String)
        throws(Errno)
        -> Int
    {
        try valueOrErrno("read", path) { Glibc.read(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// Checks that the calling process may write into `path` (fails with `EROFS` on a read-only mount).
    package static func checkWritable(_ path: String) throws(Errno) {
        try valueOrErrno("access", path) { RawPath.withCString(path) { access($0, W_OK) } }
    }

    /// Filesystem statistics for the filesystem holding `path`.
    package static func fileSystemStatus(_ path: String) throws(Errno) -> statvfs {
        var raw = statvfs()
        try valueOrErrno("statvfs", path) { RawPath.withCString(path) { statvfs($0, &raw) } }
        return raw
    }
}
