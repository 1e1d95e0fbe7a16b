import Foundation
import GRDB
import SegmentSupport

/// How a file's claim on its content ended.
enum ContentClaim: Sendable, Equatable {
    /// The file holds the claim: it is the one scored.
    case claimed
    /// The content was scored before, by `original`: the file is a duplicate of it.
    case scoredBefore(original: LedgerEntry)
}

/// Content claims: of several files with the same content, exactly one is scored, whatever their timing.
///
/// A file's content is known before it is scored (when it was hashed first) or only after the scorer read it. Either
/// way the job claims the content before anything of the file becomes visible or durable outside the daemon: before
/// the plugins finish (the migration monitor commits its history there) and before any output is published. The
/// claim re-checks the ledger in the same transaction that records it, so when two copies race, one of them finds the
/// other's claim or committed result, and becomes a duplicate that publishes nothing and commits no plugin state.
extension Ledger {
    /// Claims `sha256` for the file with `identity` (which must hold a stem reservation), waiting while another file
    /// in progress in this process holds it. Returns `.scoredBefore` once an earlier file with that content is
    /// committed as scored.
    /// - Throws: `JobStop.deferOther` when another file that is not in progress now (deferred earlier, waiting for
    ///   its retry) holds the claim: this copy is retried after it. `JobStop.skip` when `isStopped` turns true
    ///   while waiting (the job was handed back at shutdown).
    func claimContent(sha256: String, for identity: FileIdentity, isStopped: () -> Bool) throws -> ContentClaim {
        while true {
            let seen = jobsInProgress.generation
            switch try tryClaim(sha256: sha256, for: identity) {
            case .claimed:
                return .claimed
            case .scoredBefore(let original):
                return .scoredBefore(original: original)
            case .heldBy(let holder, let name):
                guard jobsInProgress.contains(holder) else {
                    throw JobStop.deferOther(
                        "'\(name)' has the same content and waits to be retried; this copy is retried after it "
                            + "(it becomes a duplicate once '\(name)' is scored)"
                    )
                }
                jobsInProgress.waitForChange(after: seen, timeout: .seconds(1))
                if isStopped() { throw JobStop.skip("handed back at shutdown; it stays in the work directory") }
            }
        }
    }

    private enum Attempt {
        case claimed
        case scoredBefore(LedgerEntry)
        case heldBy(FileIdentity, inputName: String)
    }

    /// One look, in one synced transaction: the first scored entry with this content, else another file's claim on
    /// it, else the claim recorded on this file's reservation.
    private func tryClaim(sha256: String, for identity: FileIdentity) throws(DaemonError) -> Attempt {
        let (device, inode) = identity.databaseValues
        return try access(.synced) { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT * FROM processed WHERE sha256 = ? AND outcome = 'scored' ORDER BY rowid LIMIT 1",
                arguments: [sha256]
            ), let original = LedgerEntry(row: row) {
                return .scoredBefore(original)
            }
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT device, inode, input_name FROM reservations
                    WHERE sha256 = ? AND NOT (device = ? AND inode = ?) LIMIT 1
                    """,
                arguments: [sha256, device, inode]
            ) {
                let holder = FileIdentity(
                    device: UInt64(bitPattern: row["device"] as Int64), inode: UInt64(bitPattern: row["inode"] as Int64)
                )
                return .heldBy(holder, inputName: row["input_name"])
            }
            try db.execute(
                sql: "UPDATE reservations SET sha256 = ? WHERE device = ? AND inode = ?",
                arguments: [sha256, device, inode]
            )
            guard db.changesCount == 1 else {
                throw DatabaseError(message: "no output names are reserved for the file claiming content \(sha256)")
            }
            return .claimed
        }
    }
}

/// The files whose jobs run in this process now, by identity; a change wakes the jobs waiting in
/// ``Ledger/claimContent(sha256:for:isStopped:)``.
final class JobsInProgress: @unchecked Sendable {
    // NSCondition guards `running` and carries the wake-ups.
    private let condition = NSCondition()
    private var running: [FileIdentity: Int] = [:]
    private var changes: UInt64 = 0

    /// Counts the changes so far; a waiter passes it to ``waitForChange(after:timeout:)`` so that a change made
    /// between its look and its wait is not missed.
    var generation: UInt64 {
        condition.lock()
        defer { condition.unlock() }
        return changes
    }

    /// Notes that a job on the file with `identity` started.
    func begin(_ identity: FileIdentity) {
        condition.lock()
        running[identity, default: 0] += 1
        changes &+= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Notes that the job started by ``begin(_:)`` ended (whatever its outcome).
    func end(_ identity: FileIdentity) {
        condition.lock()
        if let count = running[identity], count > 1 { running[identity] = count - 1 } else { running[identity] = nil }
        changes &+= 1
        condition.broadcast()
        condition.unlock()
    }

    func contains(_ identity: FileIdentity) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return running[identity] != nil
    }

    /// Waits until a job began or ended since `generation` was read, or `timeout` passes.
    func waitForChange(after generation: UInt64, timeout: Duration) {
        let seconds = timeout.inSeconds
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        while changes == generation, condition.wait(until: deadline) {}
        condition.unlock()
    }
}
