import Crypto
import Glibc

/// The SHA-256 and byte count of an input file.
public struct ContentDigest: Sendable, Equatable {
    /// SHA-256 of the bytes, in lowercase hex.
    public var sha256: String
    /// Number of bytes hashed.
    public var size: Int64

    /// Hashes `descriptor` from its current offset to the end.
    init(reading descriptor: Int32, path: String) throws(ErrnoError) {
        var hasher = SHA256()
        var size: Int64 = 0
        // A quarter MiB keeps the hash at full speed while adding little to the memory of a job scoring beside it.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = try Syscall.read(descriptor, into: buffer, path: path)
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            size += Int64(count)
        }
        sha256 = ContentDigest.hex(hasher.finalize())
        self.size = size
    }

    /// Hashes the file at `path`.
    init(path: String) throws(ErrnoError) {
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
            let digest = ContentDigest(sha256: ContentDigest.hex(hasher.finalize()), size: size)
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
        hex(SHA256.hash(data: Array(bytes)))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
