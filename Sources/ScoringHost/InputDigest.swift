import Crypto
import SegmentSupport

/// Hashes an input while the scorer reads it (its `InputObserver`), so the daemon need not read the file a second
/// time: bytes handed over piece by piece, in order, on one thread at a time.
final class InputDigest: @unchecked Sendable {
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var result: FileSHA256.Digest?

    /// Adds the next bytes of the input.
    func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
    }

    /// The digest of everything added, once the last `update` was made; later calls return the same digest.
    func finish() -> FileSHA256.Digest {
        if let result { return result }
        let digest = FileSHA256.Digest(sha256: Hex.lowercase(hasher.finalize()), size: size)
        result = digest
        return digest
    }
}
