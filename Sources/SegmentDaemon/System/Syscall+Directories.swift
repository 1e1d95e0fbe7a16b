import Glibc
import SegmentSupport

extension Syscall {
    /// The names in the directory at `path`, without `.` and `..`; a name that is not UTF-8 is decoded with
    /// ``RawPath/decode(_:)``, so it names the same entry when passed back to a system call.
    static func directoryEntries(_ path: String) throws(ErrnoError) -> [String] {
        var stream: OpaquePointer?
        while stream == nil {
            stream = RawPath.withCString(path) { opendir($0) }
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
                RawPath.decode(bytes.prefix { $0 != 0 })
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
