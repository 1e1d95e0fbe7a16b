import Crypto
import SegmentSupport

/// Keeps every name the daemon makes within the 255 bytes a Linux file name may have.
///
/// An input name can be up to 255 bytes, and the daemon adds to it: `.scored.csv`, a `-N` clash suffix, a hidden
/// temporary's `.` and `.partial`, `.error.json`. A part too long to take its additions is cut at a UTF-8 boundary
/// and completed with `~` and the first 12 hex digits of the SHA-256 of the whole input name, so different long
/// names stay different and the same name always gives the same result (a retry after a crash finds its outputs).
enum NameLength {
    /// The longest file name Linux filesystems accept, in bytes.
    static let maximumBytes = 255
    /// Bytes of the `~` and hash that complete a cut name.
    static let hashBytes = 13

    /// `part` when it has at most `limit` bytes; otherwise its first `limit - 13` bytes (whole characters), `~` and
    /// 12 hex digits of the SHA-256 of `whole` (the name `part` comes from, as the kernel has it).
    static func fit(_ part: String, within limit: Int, hashing whole: String) -> String {
        guard RawPath.byteCount(part) > limit else { return part }
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in part.unicodeScalars {
            let width = RawPath.byteCount(String(scalar))
            guard bytes + width <= limit - hashBytes else { break }
            kept.append(scalar)
            bytes += width
        }
        let digest = SHA256.hash(data: RawPath.bytes(whole))
        let hex = digest.prefix(6).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return String(kept) + "~" + hex
    }
}
