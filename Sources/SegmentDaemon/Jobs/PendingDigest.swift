import Foundation
import Glibc

/// The ``ContentDigest`` of a claimed file, computed on a thread of its own while the file is scored, so a large file
/// is read for hashing and for scoring at the same time instead of one after the other.
///
/// A small file is hashed at once on the calling thread: starting a thread would cost more than it saves, and the
/// job can then look for a duplicate before scoring anything. Used by one job thread; only the hashing thread runs
/// beside it, and it hands its result over through `done`.
final class PendingDigest: @unchecked Sendable {
    /// Files at least this large are hashed in the background.
    static let backgroundThreshold: Int64 = 4 << 20

    private let done = DispatchSemaphore(value: 0)
    private let inBackground: Bool
    /// Set by the hashing thread before it signals `done`, or in `init` for a small file.
    private var result: Result<ContentDigest, ErrnoError>?
    /// Whether the job thread has seen `done` (job thread only).
    private var delivered: Bool

    /// Starts hashing `descriptor` from its current offset. A background hash reads through a duplicate of the
    /// descriptor, which it closes itself, so the caller may close its own at any time.
    init(descriptor: Int32, path: String, size: Int64) {
        let copy = size >= Self.backgroundThreshold ? dup(descriptor) : -1
        inBackground = copy >= 0
        delivered = !inBackground
        guard inBackground else {
            result = Result { () throws(ErrnoError) in try ContentDigest(reading: descriptor, path: path) }
            return
        }
        let thread = Thread { [self] in
            result = Result { () throws(ErrnoError) in try ContentDigest(reading: copy, path: path) }
            close(copy)
            done.signal()
        }
        thread.name = "segmentd-digest"
        thread.start()
    }

    /// The digest if it was computed at once (a small file), without waiting.
    var immediate: ContentDigest? {
        guard !inBackground, let result, case .success(let digest) = result else { return nil }
        return digest
    }

    /// Waits for the digest (at once after the first call).
    func wait() throws(ErrnoError) -> ContentDigest {
        if !delivered {
            done.wait()
            delivered = true
        }
        guard let result else { preconditionFailure("the digest was delivered without a result") }
        return try result.get()
    }
}
