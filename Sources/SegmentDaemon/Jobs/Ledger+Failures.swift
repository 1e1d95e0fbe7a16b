import GRDB
import SegmentSupport

/// Recording a failed input, and publishing its manifest from the record.
///
/// A failed input is recorded with the name it gets in the failed directory and its manifest's bytes before anything
/// of the failure is published, so every later attempt (after a crash) publishes the same manifest and moves the
/// input under the same name.
extension Ledger {
    /// Records a failed input and drops its reservation, in one synced transaction. Its name in the failed directory
    /// is the first of `candidates` that is not taken on disk and not recorded for another failed input not yet
    /// settled; `entry` makes the entry for that name. Returns nil when every candidate is taken.
    func recordFailure(
        identity: FileIdentity, candidates: some Sequence<String>, isTakenOnDisk: (String) -> Bool,
        entry: (String) -> LedgerEntry, at timestamp: String
    ) throws(DaemonError) -> LedgerEntry? {
        let (device, inode) = identity.databaseValues
        return try access(.synced) { db -> LedgerEntry? in
            for name in candidates {
                let recorded =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM processed WHERE outcome = 'failed' AND archived = 0
                                AND failed_name = ? AND NOT (device = ? AND inode = ?))
                            """,
                        arguments: [name, device, inode]
                    ) ?? false
                guard !recorded, !isTakenOnDisk(name) else { continue }
                let made = entry(name)
                try Self.insert(made, into: db, at: timestamp)
                return made
            }
            return nil
        }
    }
}

/// Publishing a failed input's manifest from the bytes its ledger entry keeps, so every attempt publishes the same.
enum FailedManifest {
    /// Writes the manifest of `entry` into `outbox` (hidden temporary, fsync, rename, fsync of the directory), unless
    /// the same bytes are in place already (then only flushes them).
    static func publish(_ entry: LedgerEntry, outbox: String) throws(Errno) {
        guard let failure = entry.failure else { return }
        let path = Path.join(outbox, entry.manifest)
        let bytes = Array(failure.manifestJSON.utf8)
        if DurableFile.readSmallRegularFile(path, limit: 1 << 20) == bytes {
            try Syscall.fsync(path: path)
            try Syscall.fsync(path: outbox)
            return
        }
        try DurableFile.write(bytes, to: path)
    }
}
