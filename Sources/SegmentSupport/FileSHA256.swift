import Crypto
import Glibc

/// The SHA-256 of a whole file, streamed in bounded chunks: the one reader behind the daemon's content digests
/// and the training data's fingerprint. (Hashing done while a file is scored stays with the scorer.)
package enum FileSHA256 {
    /// A file's SHA-256 in lowercase hex, and the number of bytes hashed.
    package struct Digest: Sendable, Equatable {
        package var sha256: String
        package var size: Int64

        package init(sha256: String, size: Int64) {
            self.sha256 = sha256
            self.size = size
        }
    }

    /// A quarter MiB keeps the hash at full speed while adding little to the memory of a job scoring beside it.
    private static let chunkSize = 1 << 18

    /// Hashes `descriptor` from its current offset to the end; `path` only names the file in errors.
    /// The descriptor stays open.
    package static func digest(reading descriptor: Int32, path: String) throws(Errno) -> Digest {
        var hasher = SHA256()
        var size: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try Syscall.read(descriptor, into: buffer, path: path)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
        }
        return Digest(sha256: Hex.lowercase(hasher.finalize()), size: size)
    }

    /// Opens `path` (a plain UTF-8 path; the daemon opens its raw-byte names itself and uses
    /// ``digest(reading:path:)``) and hashes the whole file.
    package static func digest(path: String) throws(Errno) -> Digest {
        let descriptor = try Syscall.open(path, O_RDONLY)
        defer { Syscall.close(descriptor) }
        return try digest(reading: descriptor, path: path)
    }

    /// SHA-256 of bytes already in memory (settings texts, configuration fingerprints, a batch of rows), in
    /// lowercase hex: the one such helper for the daemon and the scoring host.
    package static func hex(of bytes: some Sequence<UInt8>) -> String {
        Hex.lowercase(SHA256.hash(data: Array(bytes)))
    }
}
