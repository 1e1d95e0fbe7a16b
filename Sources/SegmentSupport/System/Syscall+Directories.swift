import Glibc

extension Syscall {
    /// The names in the directory at `path`, without `.` and `..`; a name that is not UTF-8 is decoded with
    /// ``RawPath/decode(_:)``, so it names the same entry when passed back to a system call.
    package static func directoryEntries(_ path: String) throws(Errno) -> [String] {
        var stream: OpaquePointer?
        while stream == nil {
            stream = RawPath.withCString(path) { opendir($0) }
            if stream == nil {
                let code = errno
                if code != EINTR { throw Errno(code, operation: "opendir", path: path) }
            }
        }
        guard let stream else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                let code = errno
                if code == 0 { break }
                throw Errno(code, operation: "readdir", path: path)
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                RawPath.decode(bytes.prefix { $0 != 0 })
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
