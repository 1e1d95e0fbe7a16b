import Glibc
import SegmentSupport

/// An exclusive `flock` on the daemon's lock file, and on the directories it must not share, held for the life of a
/// run.
///
/// A second daemon for the same inbox fails at once with ``DaemonError`` naming the lock file and the holder's pid.
/// The lock file alone is not enough: two daemons given different `lock_file`s would both run on one inbox or one
/// state directory and damage each other's state. So the directories themselves are locked too (`flock` on a
/// descriptor of each: the work directory and the state directories), and a second daemon sharing any of them
/// fails in the same way, naming the directory. The inbox is not held open: that would hide its removal from the
/// watch (see `DaemonSession`).
/// The kernel drops the locks when the process exits, however it exits, so a stale lock file is harmless.
/// The lock file is refused when it is a symbolic link or has a second hard link (see ``StateFile``).
final class InboxLock: Sendable {
    private let descriptor: Int32
    private let directoryDescriptors: [Int32]
    /// Path of the lock file.
    let path: String

    /// Takes the lock at `path` (creating the file) and on each of `directories` (setting key and path),
    /// or throws when another process holds one of them.
    init(path: String, inbox: String, directories: [(key: String, path: String)] = []) throws(DaemonError) {
        let descriptor = try Self.openLockFile(path)
        do {
            try Syscall.lockFile(descriptor, LOCK_EX | LOCK_NB, path: path)
        } catch {
            let holder = InboxLock.recordedPid(descriptor: descriptor, path: path)
            Syscall.close(descriptor)
            guard error.code == EWOULDBLOCK else { throw DaemonError.cannotOpenLock(path: path, cause: error) }
            throw DaemonError.alreadyRunning(lockFile: path, inbox: inbox, holderPid: holder)
        }
        let directoryDescriptors: [Int32]
        do {
            directoryDescriptors = try Self.lockDirectories(directories, inbox: inbox)
        } catch {
            Syscall.close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.directoryDescriptors = directoryDescriptors
        self.path = path
        do {
            try Syscall.truncate(descriptor, to: 0, path: path)
            try Syscall.writeAll(descriptor, Array("\(getpid())\n".utf8), path: path)
        } catch {
            Syscall.close(descriptor)
            directoryDescriptors.forEach(Syscall.close)
            throw DaemonError.cannotOpenLock(path: path, cause: error)
        }
    }

    deinit {
        Syscall.close(descriptor)
        directoryDescriptors.forEach(Syscall.close)
    }

    /// Opens the lock file without following a link, refusing one with a second name (checked again on the open file).
    private static func openLockFile(_ path: String) throws(DaemonError) -> Int32 {
        do {
            try StateFile.check(path)
        } catch let error as Errno {
            throw DaemonError.cannotOpenLock(path: path, cause: error)
        } catch {
            throw DaemonError.unsafeStateFile("\(error)")
        }
        let descriptor: Int32
        let status: FileStatus
        do {
            descriptor = try Syscall.open(path, O_RDWR | O_CREAT | O_NOFOLLOW)
        } catch {
            throw DaemonError.cannotOpenLock(path: path, cause: error)
        }
        do {
            status = try Syscall.fstat(descriptor, path: path)
        } catch {
            Syscall.close(descriptor)
            throw DaemonError.cannotOpenLock(path: path, cause: error)
        }
        guard status.kind == .regular, status.linkCount <= 1 else {
            Syscall.close(descriptor)
            throw DaemonError.unsafeStateFile("\(StateFile.Refusal(path: path, problem: "has a second hard link"))")
        }
        return descriptor
    }

    /// Locks each distinct directory; returns the descriptors holding the locks.
    private static func lockDirectories(_ directories: [(key: String, path: String)], inbox: String) throws(DaemonError)
        -> [Int32]
    {
        var descriptors: [Int32] = []
        var seen: Set<FileIdentity> = []
        for (key, path) in directories {
            let locked: Bool
            do {
                let descriptor = try Syscall.open(path, O_RDONLY | O_DIRECTORY)
                guard seen.insert(try Syscall.fstat(descriptor, path: path).identity).inserted else {
                    Syscall.close(descriptor)
                    continue
                }
                descriptors.append(descriptor)
                locked = try lock(descriptor, path: path)
            } catch {
                descriptors.forEach(Syscall.close)
                throw DaemonError.fileSystem(error, doing: "lock the \(key) directory")
            }
            guard locked else {
                descriptors.forEach(Syscall.close)
                throw DaemonError.alreadyRunning(directoryKey: key, directory: path, inbox: inbox)
            }
        }
        return descriptors
    }

    /// Takes an exclusive lock without waiting; false when another process holds one.
    private static func lock(_ descriptor: Int32, path: String) throws(Errno) -> Bool {
        do {
            try Syscall.lockFile(descriptor, LOCK_EX | LOCK_NB, path: path)
            return true
        } catch  where error.code == EWOULDBLOCK {
            return false
        }
    }

    private static func recordedPid(descriptor: Int32, path: String) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let count = bytes.withUnsafeMutableBytes { buffer in
            (try? Syscall.valueOrErrno("pread", path) { pread(descriptor, buffer.baseAddress, buffer.count, 0) }) ?? 0
        }
        let text = String(decoding: bytes.prefix(count), as: UTF8.self)
        return Int32(String(text.prefix { $0.isNumber }))
    }
}
