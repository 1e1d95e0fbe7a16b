import Crypto
import Glibc
import SegmentSupport

/// The SHA-256 and byte count of an input file.
public struct ContentDigest: Sendable, Equatable {
    /// SHA-256 of the bytes, in lowercase hex.
    public var sha256: String
    /// Number of bytes hashed.
    public var size: Int64

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

    /// Hashes bytes handed over piece by piece, in order (the scorer's `InputObserver`), on one thread at a time.
    final class Accumulator: @unchecked Sendable {
        private var hasher = SHA256()
        private var size: Int64 = 0
        private var result: ContentDigest?

        /// Adds the next bytes of the input.
        func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
            size += Int64(bytes.count)
        }

        /// The digest of everything added, once the last `update` was made; later calls return the same digest.
        func finish() -> ContentDigest {
            if let result { return result }
            let digest = ContentDigest(sha256: Hex.lowercase(hasher.finalize()), size: size)
            result = digest
            return digest
        }
    }

    /// Makes a digest from known values.
    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    /// SHA-256 of `bytes` in lowercase hex.
    static func sha256(of bytes: some Sequence<UInt8>) -> String {
        Hex.lowercase(SHA256.hash(data: Array(bytes)))
    }
}
