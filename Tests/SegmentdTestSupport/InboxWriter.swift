package import Foundation
import Glibc

extension FileHandle {
    /// `path` (which must exist) opened for appending, close-on-exec. A test that writes into an inbox holds such a
    /// handle while the daemon asks the kernel whether anyone has the file open for writing. Foundation's
    /// `FileHandle(forWritingTo:)` descriptor is inheritable: a child that another test spawns meanwhile keeps the
    /// file open for writing after this test closed it, and the daemon rightly waits for that child.
    package static func closeOnExec(appendingTo path: String) throws -> FileHandle {
        let descriptor = Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}

extension Data {
    /// Writes these bytes to `path` (created or truncated) through a close-on-exec descriptor. Foundation's
    /// `write(to:)` opens without `O_CLOEXEC` (strace: `O_WRONLY|O_CREAT|O_TRUNC`): a child another test spawns in
    /// that instant keeps the file open for writing for its whole life, and a daemon asking the kernel whether
    /// anyone still writes the file rightly waits (a coordinator test flaked so, 2026-12-07).
    package func writeCloseOnExec(toFile path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { Glibc.close(descriptor) }
        try withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
                offset += written
            }
        }
    }
}
