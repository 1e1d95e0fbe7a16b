import Glibc

extension Syscall {
    /// The names in the directory at `path`, without `.` and `..`.
    static func directoryEntries(_ path: String) throws(ErrnoError) -> [String] {
        var stream: OpaquePointer?
        while stream == nil {
            stream = opendir(path)
            if stream == nil {
                let code = errno
                if code != EINTR { throw ErrnoError(operation: "opendir", path: path, code: code) }
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
                throw ErrnoError(operation: "readdir", path: path, code: code)
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
