import Glibc

extension Syscall {
    /// Creates the directory at `path` and any missing parents, like `mkdir -p`.
    package static func makeDirectories(_ path: String) throws(Errno) {
        if try lstatIfPresent(path) != nil {
            let status = try statusFollowingLinks(path)
            guard status.kind == .directory else { throw Errno(ENOTDIR, operation: "mkdir", path: path) }
            return
        }
        let parent = Path.split(path).directory
        if parent != path, parent != ".", parent != "/" {
            try makeDirectories(parent)
        }
        try makeDirectory(path)
    }
}
