package import Glibc

/// What `lstat`/`fstat` say about a file, in the terms the daemon uses.
package struct FileStatus: Sendable, Equatable {
    /// The kind of directory entry.
    package enum Kind: Sendable, Equatable {
        case regular, directory, symbolicLink, other
    }

    package var kind: Kind
    package var size: Int64
    package var modificationNanoseconds: Int64
    package var device: UInt64
    package var inode: UInt64
    package var linkCount: UInt64

    package init(_ raw: stat) {
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
    package var identity: FileIdentity { FileIdentity(device: device, inode: inode) }
}

/// Device and inode number: names one file on the machine, whatever it is called.
package struct FileIdentity: Sendable, Hashable {
    package var device: UInt64
    package var inode: UInt64

    package init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}
