import GRDB
import SegmentSupport

/// The questions and records a file job needs from the ledger.
extension Ledger {
    /// The committed but not yet archived entry of the file with `identity`: its own earlier, interrupted attempt.
    func unarchivedEntry(for identity: FileIdentity) throws(DaemonError) -> LedgerEntry? {
        let (device, inode) = identity.databaseValues
        return try access { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM processed WHERE device = ? AND inode = ? AND archived = 0",
                arguments: [device, inode]
            ).flatMap(LedgerEntry.init(row:))
        }
    }

    /// The first input with content `sha256` that was scored (not itself a duplicate).
    func firstScored(sha256: String) throws(DaemonError) -> LedgerEntry? {
        try access { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM processed WHERE sha256 = ? AND outcome = 'scored' ORDER BY rowid LIMIT 1",
                arguments: [sha256]
            ).flatMap(LedgerEntry.init(row:))
        }
    }

    /// Whether an input of exactly `size` bytes was scored: only then can a file of that size be a duplicate.
    func hasScored(size: Int64) throws(DaemonError) -> Bool {
        try access { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM processed WHERE size = ? AND outcome = 'scored')",
                arguments: [size]
            ) ?? false
        }
    }

    /// Reserves the output stem of the file with `identity`: the one it reserved before (after a crash), or else the
    /// first of `candidates` that no committed manifest, no other reservation and no foreign file in the outbox uses.
    func reserveStem(
        for identity: FileIdentity, inputName: String, candidates: some Sequence<String>,
        isTakenOnDisk: (String) -> Bool
    ) throws(DaemonError) -> String? {
        let (device, inode) = identity.databaseValues
        return try access(.syncedBeforePublication) { db in
            if let stem = try String.fetchOne(
                db, sql: "SELECT stem FROM reservations WHERE device = ? AND inode = ?", arguments: [device, inode]
            ) {
                return stem
            }
            for stem in candidates {
                let committed =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM processed WHERE manifest = ?)",
                        arguments: [OutputNames(stem: stem, format: .csv).manifest]
                    ) ?? false
                let reserved =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM reservations WHERE stem = ?)", arguments: [stem]
                    ) ?? false
                guard !committed, !reserved, !isTakenOnDisk(stem) else { continue }
                try db.execute(
                    sql: "INSERT INTO reservations (stem, device, inode, input_name) VALUES (?, ?, ?, ?)",
                    arguments: [stem, device, inode, inputName]
                )
                return stem
            }
            return nil
        }
    }

    /// Records a committed input (or a failed one, with its manifest) and drops its reservation, in one transaction.
    func record(_ entry: LedgerEntry, at timestamp: String) throws(DaemonError) {
        try access(.synced) { db in try Self.insert(entry, into: db, at: timestamp) }
    }

    /// The statements of ``record(_:at:)``, for a transaction that does more.
    static func insert(_ entry: LedgerEntry, into db: Database, at timestamp: String) throws {
        let (device, inode) = entry.identity.databaseValues
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO processed
                    (manifest, input_name, sha256, size, outcome, device, inode, archived, recorded_at,
                     model_version, failed_name, manifest_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
                """,
            arguments: [
                entry.manifest, entry.inputName, entry.sha256, entry.size, entry.outcome.rawValue, device, inode,
                timestamp, entry.modelVersion, entry.failure?.failedName, entry.failure?.manifestJSON,
            ]
        )
        try db.execute(sql: "DELETE FROM reservations WHERE device = ? AND inode = ?", arguments: [device, inode])
    }

    /// Marks the entry of the file with `identity` as archived.
    func markArchived(_ identity: FileIdentity) throws(DaemonError) {
        let (device, inode) = identity.databaseValues
        try access { db in
            try db.execute(
                sql: "UPDATE processed SET archived = 1 WHERE device = ? AND inode = ?", arguments: [device, inode])
        }
    }

    /// Drops the reservation of a file that will not be published (it failed).
    func releaseReservation(for identity: FileIdentity) throws(DaemonError) {
        let (device, inode) = identity.databaseValues
        try access { db in
            try db.execute(sql: "DELETE FROM reservations WHERE device = ? AND inode = ?", arguments: [device, inode])
        }
    }

    /// After a restart: forgets reservations of files no longer in the work directory and marks committed entries
    /// whose file left the work directory (the move to the archive finished just before the crash) as archived.
    func reconcile(withFilesInWork identities: Set<FileIdentity>) throws(DaemonError) {
        let keep = identities.map(\.databaseValues)
        try access { db in
            let stale =
                try Row.fetchAll(db, sql: "SELECT device, inode FROM reservations")
                + Row.fetchAll(db, sql: "SELECT device, inode FROM processed WHERE archived = 0")
            for row in stale {
                let device: Int64 = row["device"]
                let inode: Int64 = row["inode"]
                guard !keep.contains(where: { $0.device == device && $0.inode == inode }) else { continue }
                try db.execute(
                    sql: "DELETE FROM reservations WHERE device = ? AND inode = ?", arguments: [device, inode])
                try db.execute(
                    sql: "UPDATE processed SET archived = 1 WHERE device = ? AND inode = ?", arguments: [device, inode]
                )
            }
        }
    }
}
