import Crypto
import Glibc

/// SHA-256 and size of a file's bytes, read through an already open descriptor.
struct ContentDigest: Sendable, Equatable {
    var sha256: String
    var size: Int64

    /// Reads `descriptor` from its current offset to the end.
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
