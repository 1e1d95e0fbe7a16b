import SegmentSupport
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

/// Writes all `count` bytes with `write(2)`, retrying `EINTR` and short writes; returns the errno of a failure.
func writeFully(_ descriptor: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int32? {
    var offset = 0
    while offset < count {
        let wrote = write(descriptor, base + offset, count - offset)
        if wrote >= 0 {
            offset += wrote
        } else if errno != EINTR {
            return errno
        }
    }
    return nil
}

/// A file opened for sequential reading, closed when released.
final class InputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    /// Size in bytes when opened (0 for pipes and other streams).
    let size: Int

    init(path: String) throws(RecordError) {
        self.path = path
        let opened = RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC) }
        guard opened >= 0 else { throw Self.openError(path: path, errno: errno) }
        var info = stat()
        guard fstat(opened, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
            close(opened)
            throw RecordError(
                .unreadableFile, path: path,
                "Cannot read \(path): it is a directory. Pass the path of a CSV or JSONL file.")
        }
        descriptor = opened
        size = Int(info.st_size)
        #if canImport(Glibc)
            _ = posix_fadvise(opened, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit { close(descriptor) }

    /// Reads until `count` bytes arrived or the file ended; returns the bytes read (0 only at end of file).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(RecordError) -> Int {
        var total = 0
        while total < count {
            let got = systemRead(descriptor, buffer + total, count - total)
            if got > 0 {
                total += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw RecordError(
                    .ioFailure, path: path,
                    "Reading \(path) failed: \(String(cString: strerror(errno))). Check the disk and retry.")
            }
        }
        return total
    }

    private static func openError(path: String, errno code: Int32) -> RecordError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT, ENOTDIR:
            return RecordError(
                .fileNotFound, path: path,
                "Input file \(path) does not exist. Check the path and the current directory.")
        default:
            return RecordError(
                .unreadableFile, path: path,
                "Cannot open \(path) for reading: \(reason). Check its permissions.")
        }
    }
}

/// A file created (or truncated) for sequential writing, closed when released.
///
/// Opened `direct`, it writes through ``DirectWriteBehind``: `O_DIRECT` from a writer thread, for outputs that are
/// made durable anyway, so they never fill the page cache. A filesystem that refuses `O_DIRECT`, and anything but a
/// regular file, gets ordinary writes.
/// Either way every byte is written once ``finish()`` returns.
///
/// Opened `exclusive` (the daemon's outputs, in a directory others can write to), whatever stands at the name is
/// removed first and the file is created new with `O_EXCL | O_NOFOLLOW`: a symbolic or hard link planted at the name
/// is never written through. When something keeps standing there (a directory, or a name planted again between the
/// removal and the creation) the open fails with an error naming the path.
package final class OutputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private var behind: DirectWriteBehind?

    package init(path: String, direct: Bool = false, exclusive: Bool = false) throws(RecordError) {
        self.path = path
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL | O_NOFOLLOW : O_TRUNC)
        var opened: Int32 = -1
        if direct {
            if exclusive { try Self.removeExisting(path) }
            opened = RawPath.withCString(path) { open($0, flags | O_DIRECT, 0o644) }
            var info = stat()
            if opened >= 0, fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                behind = DirectWriteBehind(descriptor: opened, path: path)
            } else if opened >= 0 {
                close(opened)  // a pipe or device: O_DIRECT would change how its reader sees the bytes
                opened = -1
            }
        }
        var code: Int32 = 0
        for _ in 0..<(exclusive ? 3 : 1) where opened < 0 {
            if exclusive { try Self.removeExisting(path) }
            opened = RawPath.withCString(path) { open($0, flags, 0o644) }
            code = errno
            if opened < 0, code != EEXIST { break }
        }
        guard opened >= 0 else {
            if exclusive, code == EEXIST || code == ELOOP {
                throw RecordError(
                    .unwritableFile, path: path,
                    "Cannot create \(path) safely: another entry keeps appearing at that name. "
                        + "Make sure no other program writes hidden files of that name into the folder.")
            }
            throw RecordError(
                .unwritableFile, path: path,
                "Cannot create \(path): \(String(cString: strerror(code))). "
                    + "Check that its folder exists and is writable.")
        }
        descriptor = opened
    }

    /// Removes whatever entry stands at `path` (a file, or a link, which is removed without touching its target).
    private static func removeExisting(_ path: String) throws(RecordError) {
        guard RawPath.withCString(path, { unlink($0) }) != 0 else { return }
        let code = errno
        guard code != ENOENT else { return }
        throw RecordError(
            .unwritableFile, path: path,
            "Cannot create \(path): something that cannot be removed stands at that name "
                + "(\(String(cString: strerror(code)))). Remove it; the file is written again on the next try.")
    }

    deinit {
        behind?.stopWriter()
        close(descriptor)
    }

    /// Writes every byte of `bytes` (for a direct file: every byte once ``finish()`` returns).
    func write(_ bytes: UnsafeRawBufferPointer) throws(RecordError) {
        if let behind { return try behind.append(bytes) }
        guard let base = bytes.baseAddress else { return }
        if let code = writeFully(descriptor, base, bytes.count) {
            throw RecordError(
                .ioFailure, path: path,
                "Writing \(path) failed: \(String(cString: strerror(code))). Check free disk space and retry.")
        }
    }

    /// Writes `bytes`.
    package func write(_ bytes: [UInt8]) throws(RecordError) {
        let buffer = ByteBuffer(capacity: bytes.count)
        buffer.append(bytes)
        try write(buffer)
    }

    /// Writes the bytes in use in `buffer`.
    package func write(_ buffer: ByteBuffer) throws(RecordError) {
        try write(buffer.bytes)
    }

    /// Writes what a direct file still holds; afterwards the file is written the ordinary way.
    package func finish() throws(RecordError) {
        guard let behind else { return }
        self.behind = nil
        try behind.finish()
    }
}
