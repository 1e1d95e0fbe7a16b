import Glibc
package import SegmentSupport

/// The SHA-256 and byte count of an input file.
package struct ContentDigest: Sendable, Equatable {
    /// SHA-256 of the bytes, in lowercase hex.
    package var sha256: String
    /// Number of bytes hashed.
    package var size: Int64

    /// Hashes `descriptor` from its current offset to the end (``FileSHA256``).
    init(reading descriptor: Int32, path: String) throws(Errno) {
        let digest = try FileSHA256.digest(reading: descriptor, path: path)
        self.init(sha256: digest.sha256, size: digest.size)
    }

    /// Hashes the file at `path`.
    init(path: String) throws(Errno) {
        let descriptor = try Syscall.open(path, O_RDONLY)
        defer { Syscall.close(descriptor) }
        try self.init(reading: descriptor, path: path)
    }

    /// Makes a digest from known values.
    package init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    /// SHA-256 of `bytes` in lowercase hex.
    static func sha256(of bytes: some Sequence<UInt8>) -> String {
        FileSHA256.hex(of: bytes)
    }

    /// The same digest as the support layer's value, which the scoring host hands back.
    package init(_ digest: FileSHA256.Digest) {
        self.init(sha256: digest.sha256, size: digest.size)
    }

    /// The support layer's value of this digest.
    package var value: FileSHA256.Digest { FileSHA256.Digest(sha256: sha256, size: size) }
}
