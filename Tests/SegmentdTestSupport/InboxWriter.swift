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
