import Foundation
import Crypto

/// SHA-256 of a file's bytes, read in bounded chunks.
enum FileFingerprint {
    static func sha256(path: String) throws(JobError) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw JobError.unreadable(path: path, what: "file") }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 22)
            } catch {
                throw JobError.unreadable(path: path, what: "file")
            }
            guard let chunk, !chunk.isEmpty else { break }
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
