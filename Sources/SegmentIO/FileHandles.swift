#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

/// A file opened for sequential reading, closed when released.
final class InputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    /// Size in bytes when opened (0 for pipes and other streams).
    let size: Int

    init(path: String) throws(RecordError) {
        self.path = path
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw Self.openError(path: path, errno: errno) }
        var info = stat()
        guard fstat(opened, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else {
            close(opened)
            throw RecordError(.unreadableFile, path: path,
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
                throw RecordError(.ioFailure, path: path,
                                  "Reading \(path) failed: \(String(cString: strerror(errno))). Check the disk and retry.")
            }
        }
        return total
    }

    private static func openError(path: String, errno code: Int32) -> RecordError {
        let reason = String(cString: strerror(code))
        switch code {
        case ENOENT, ENOTDIR:
            return RecordError(.fileNotFound, path: path,
                               "Input file \(path) does not exist. Check the path and the current directory.")
        default:
            return RecordError(.unreadableFile, path: path,
                               "Cannot open \(path) for reading: \(reason). Check its permissions.")
        }
    }
}

/// A file created (or truncated) for sequential writing, closed when released.
final class OutputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    init(path: String) throws(RecordError) {
        self.path = path
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else {
            throw RecordError(.unwritableFile, path: path,
                              "Cannot create \(path): \(String(cString: strerror(errno))). "
                                + "Check that its folder exists and is writable.")
        }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws(RecordError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let wrote = systemWrite(descriptor, base + offset, bytes.count - offset)
            if wrote >= 0 {
                offset += wrote
            } else if errno != EINTR {
                throw RecordError(.ioFailure, path: path,
                                  "Writing \(path) failed: \(String(cString: strerror(errno))). "
                                    + "Check free disk space and retry.")
            }
        }
    }

    /// Writes `bytes`.
    func write(_ bytes: [UInt8]) throws(RecordError) {
        let buffer = ByteBuffer(capacity: bytes.count)
        buffer.append(bytes)
        try write(buffer)
    }

    /// Writes the bytes in use in `buffer`.
    func write(_ buffer: ByteBuffer) throws(RecordError) {
        try write(buffer.bytes)
    }
}
