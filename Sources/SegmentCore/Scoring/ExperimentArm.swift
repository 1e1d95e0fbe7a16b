import Crypto

/// Which model scores a customer in an A/B experiment (`[challenger] mode = "ab"`): a stable hash of the customer id,
/// so a customer always gets the same arm, in every file and across restarts, whatever else the file holds.
///
/// The rule (issue 17's decision, README "Shadow and A/B"): SHA-256 of the id's bytes (the id as the scorer reads it,
/// after the customer-id rule), the first 8 bytes of the digest as a big-endian unsigned integer `h`; the row is in
/// the challenger arm when `h < share * 2^64`. The guide's `customer_id % 2` works only for numeric ids and splits
/// by parity (a bias whenever ids are allotted in pairs); a cryptographic hash splits any ids evenly and cannot be
/// steered by how ids are made.
package struct ExperimentArm: Sendable, Equatable {
    /// The challenger arm's share of the customers, in [0, 1].
    package let share: Double
    /// `h < bound` is the challenger arm; meaningless when ``allChallenger``.
    private let bound: UInt64
    /// Share 1: every `h` is below 2^64, which a `UInt64` bound cannot say.
    private let allChallenger: Bool

    /// - Parameter share: the challenger arm's share, clamped to [0, 1].
    package init(share: Double) {
        let share = share.isNaN ? 0 : min(1, max(0, share))
        self.share = share
        // share * 2^64 is exact (a power of two). Below 2^64 a double is a whole number once it is at least 2^53,
        // so rounding up gives the least integer bound with `h < bound` exactly when `h < share * 2^64`; at 2^64
        // (share 1) no UInt64 is large enough, hence the flag. Converting 2^64 itself to UInt64 would trap.
        let limit = share * 0x1p64
        allChallenger = limit >= 0x1p64
        bound = allChallenger ? 0 : UInt64(limit.rounded(.up))
    }

    /// The first 8 bytes of the SHA-256 of `id`, big-endian.
    @inline(__always)
    package static func hash(_ id: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = SHA256()
        hasher.update(bufferPointer: id)
        return hasher.finalize().withUnsafeBytes { UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)) }
    }

    /// Whether the customer with these id bytes is in the challenger arm.
    @inline(__always)
    package func isChallenger(_ id: UnsafeRawBufferPointer) -> Bool {
        allChallenger || Self.hash(id) < bound
    }

    /// Whether the customer `id` (its UTF-8 bytes) is in the challenger arm.
    package func isChallenger(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { isChallenger(UnsafeRawBufferPointer($0)) }
    }
}
