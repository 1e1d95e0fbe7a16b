import Glibc

/// What `lstat`/`fstat` say about a file, in the terms the daemon uses.
struct FileStatus: Sendable, Equatable {
    /// The kind of directory entry.
    enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, other
    }

    var kind: Kind
    var size: Int64
    var modificationNanoseconds: Int64
    var device: UInt64
    var inode: UInt64
    var linkCount: UInt64

    init(_ raw: stat) {
        switch raw.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        size = Int64(raw.st_size)
        modificationNanoseconds = Int64(raw.st_mtim.tv_sec) * 1_000_000_000 + Int64(raw.st_mtim.tv_nsec)
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        linkCount = UInt64(raw.st_nlink)
    }

    /// Identity of the file itself (not of a name): it survives renames and hard links within one filesystem.
    var identity: FileIdentity { FileIdentity(device: device, inode: inode) }
}

/// Device and inode number: names one file on the machine, whatever it is called.
struct FileIdentity: Sendable, Hashable {
    var device: UInt64
    var inode: UInt64
}
