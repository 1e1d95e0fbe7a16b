import Glibc

/// Finds and kills the processes that still hold the child's end of its stdout once the child has ended: its
/// descendants that left its process group (`setsid`), which the group kill cannot reach and which would
/// otherwise outlive the child, and the daemon, holding the socket open.
///
/// Only a process the child started (or one it handed the descriptor to) can hold that socket: the daemon made
/// it, passed it to the child alone and closed its own copy. Processes are found by the socket's inode in
/// `/proc/<pid>/fd`; those of other users cannot be read and are not touched.
enum StrayHolders {
    /// The inode of the socket open at `descriptor`, nil if it cannot be read.
    static func socketInode(_ descriptor: Int32) -> UInt64? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// Sends SIGKILL to every process but the daemon that holds the socket with inode `inode`; returns their ids.
    @discardableResult
    static func kill(holdingSocket inode: UInt64) -> [pid_t] {
        let target = "socket:[\(inode)]"
        let me = getpid()
        var killed: [pid_t] = []
        for pid in numericEntries(of: "/proc") where pid != me {
            let directory = "/proc/\(pid)/fd"
            for fd in numericEntries(of: directory) where link("\(directory)/\(fd)") == target {
                _ = Glibc.kill(pid, SIGKILL)
                killed.append(pid)
                break
            }
        }
        return killed
    }

    /// The names of `path`'s entries that are numbers (process ids, descriptors).
    private static func numericEntries(of path: String) -> [pid_t] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var numbers: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if let number = pid_t(name) { numbers.append(number) }
        }
        return numbers
    }

    /// The target of the symbolic link at `path`, or nil.
    private static func link(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
