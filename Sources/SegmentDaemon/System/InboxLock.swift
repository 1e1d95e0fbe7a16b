import Glibc

/// An exclusive `flock` on the daemon's lock file, held for the life of a run.
///
/// A second daemon for the same inbox fails at once with ``DaemonError`` naming the lock file and the holder's pid.
/// The kernel drops the lock when the process exits, however it exits, so a stale lock file is harmless.
final class InboxLock: Sendable {
    private let descriptor: Int32
    /// Path of the lock file.
    let path: String

    /// Takes the lock at `path` (creating the file), or throws when another process holds it.
    init(path: String, inbox: String) throws(DaemonError) {
        let descriptor: Int32
        do {
            descriptor = try Syscall.open(path, O_RDWR | O_CREAT | O_NOFOLLOW)
        } catch {
            throw DaemonError.cannotOpenLock(path: path, cause: error)
        }
        do {
            try Syscall.lockFile(descriptor, LOCK_EX | LOCK_NB, path: path)
        } catch {
            let holder = InboxLock.recordedPid(descriptor: descriptor, path: path)
            Syscall.close(descriptor)
            guard error.code == EWOULDBLOCK else { throw DaemonError.cannotOpenLock(path: path, cause: error) }
            throw DaemonError.alreadyRunning(lockFile: path, inbox: inbox, holderPid: holder)
        }
        self.descriptor = descriptor
        self.path = path
        do {
            try Syscall.truncate(descriptor, to: 0, path: path)
            try Syscall.writeAll(descriptor, Array("\(getpid())\n".utf8), path: path)
        } catch {
            Syscall.close(descriptor)
            throw DaemonError.cannotOpenLock(path: path, cause: error)
        }
    }

    deinit {
        Syscall.close(descriptor)
    }

    private static func recordedPid(descriptor: Int32, path: String) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { buffer in
            (try? Syscall.check("pread", path) { pread(descriptor, buffer.baseAddress, buffer.count, 0) }) ?? 0
        }
        let text = String(decoding: bytes.prefix(count), as: UTF8.self)
        return Int32(String(text.prefix { $0.isNumber }))
    }
}
