import SegmentSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for sequential reading, closed when released.
final class InputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    /// Size in bytes when opened (0 for pipes and other streams).
    let size: Int

    init(path: String) throws(RecordError) {
        self.path = path
        let opened: Int32
        do {
            opened = try Syscall.open(path, O_RDONLY)
        } catch {
            throw Self.openError(path: path, error)
        }
        guard let status = try? Syscall.fstat(opened, path: path), status.kind != .directory else {
            Syscall.close(opened)
            throw RecordError(
                .unreadableFile, path: path,
                "Cannot read \(path): it is a directory. Pass the path of a CSV or JSONL file.")
        }
        descriptor = opened
        size = Int(status.size)
        #if canImport(Glibc)
            _ = posix_fadvise(opened, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
    }

    deinit { Syscall.close(descriptor) }

    /// Reads until `count` bytes arrived or the file ended; returns the bytes read (0 only at end of file).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws(RecordError) -> Int {
        var total = 0
        while total < count {
            let got: Int
            do {
                got = try Syscall.read(
                    descriptor, into: UnsafeMutableRawBufferPointer(start: buffer + total, count: count - total),
                    path: path)
            } catch {
                throw RecordError(
                    .ioFailure, path: path, "Reading \(path) failed: \(error.reason). Check the disk and retry.",
                    cause: error)
            }
            if got == 0 { break }
            total += got
        }
        return total
    }

    private static func openError(path: String, _ error: Errno) -> RecordError {
        switch error.code {
        case ENOENT, ENOTDIR:
            return RecordError(
                .fileNotFound, path: path,
                "Input file \(path) does not exist. Check the path and the current directory.", cause: error)
        default:
            return RecordError(
                .unreadableFile, path: path,
                "Cannot open \(path) for reading: \(error.reason). Check its permissions.", cause: error)
        }
    }
}

/// A file created (or truncated) for sequential writing, closed when released.
///
/// Opened `exclusive` (the daemon's outputs, in a directory others can write to), whatever stands at the name is
/// removed first and the file is created new with `O_EXCL | O_NOFOLLOW`: a symbolic or hard link planted at the name
/// is never written through. When something keeps standing there (a directory, or a name planted again between the
/// removal and the creation) the open fails with an error naming the path.
///
/// The scored output of a scoring run is a ``DurableOutput``, which opens its file through
/// ``open(_:exclusive:direct:)``.
package final class OutputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    package init(path: String, exclusive: Bool = false) throws(RecordError) {
        self.path = path
        descriptor = try Self.open(path, exclusive: exclusive, direct: false).descriptor
    }

    deinit { Syscall.close(descriptor) }

    /// Creates `path` for writing (see the type's note on `exclusive`); with `direct`, asks for `O_DIRECT` and keeps
    /// it only for a regular file (a pipe or device would change how its reader sees the bytes) on a filesystem that
    /// takes it. Returns the descriptor and whether it is in `O_DIRECT` mode.
    static func open(_ path: String, exclusive: Bool, direct: Bool) throws(RecordError) -> (
        descriptor: Int32, isDirect: Bool
    ) {
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL | O_NOFOLLOW : O_TRUNC)
        if direct {
            if exclusive { try removeExisting(path) }
            if let opened = try? Syscall.open(path, flags | Syscall.directIOFlag) {
                if let status = try? Syscall.fstat(opened, path: path), status.kind == .regular {
                    return (opened, true)
                }
                Syscall.close(opened)
            }
        }
        var failure = Errno(EEXIST, operation: "open", path: path)
        for _ in 0..<(exclusive ? 3 : 1) {
            if exclusive { try removeExisting(path) }
            do {
                return (try Syscall.open(path, flags), false)
            } catch {
                failure = error
                if error.code != EEXIST { break }
            }
        }
        if exclusive, failure.code == EEXIST || failure.code == ELOOP {
            throw RecordError(
                .unwritableFile, path: path,
                "Cannot create \(path) safely: another entry keeps appearing at that name. "
                    + "Make sure no other program writes hidden files of that name into the folder.", cause: failure)
        }
        throw RecordError(
            .unwritableFile, path: path,
            "Cannot create \(path): \(failure.reason). Check that its folder exists and is writable.", cause: failure)
    }

    /// Removes whatever entry stands at `path` (a file, or a link, which is removed without touching its target).
    private static func removeExisting(_ path: String) throws(RecordError) {
        do {
            try Syscall.unlink(path)
        } catch  where error.code == ENOENT {
            return
        } catch {
            throw RecordError(
                .unwritableFile, path: path,
                "Cannot create \(path): something that cannot be removed stands at that name "
                    + "(\(error.reason)). Remove it; the file is written again on the next try.", cause: error)
        }
    }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(RecordError) {
        try Self.write(bytes, to: descriptor, path: path)
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

    /// Writes all of `bytes` to `descriptor`, naming `path` (and the errno) in the error.
    static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(RecordError) {
        do {
            try Syscall.writeAll(descriptor, from: bytes, path: path)
        } catch {
            throw writeError(error, path: path)
        }
    }

    /// The error of a failed write of `path`; it carries the errno, so a full disk or quota can be told apart.
    static func writeError(_ error: Errno, path: String) -> RecordError {
        RecordError(
            .ioFailure, path: path, "Writing \(path) failed: \(error.reason). Check free disk space and retry.",
            cause: error)
    }
}
