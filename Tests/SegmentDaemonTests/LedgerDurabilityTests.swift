import Foundation
import SegmentSupport
import Testing
@testable import SegmentDaemon

/// When the ledger's commits reach the disk: a stem reservation is written without its own sync and must be synced
/// before anything is published under it (see ``Ledger``'s durability notes). What a power loss would lose cannot be
/// observed here; what is checked is the bookkeeping that decides whether a sync is still owed.
@Suite("Ledger durability")
struct LedgerDurabilityTests {
    private static func reserve(_ ledger: Ledger, _ identity: FileIdentity, _ stem: String) throws -> String? {
        try ledger.reserveStem(
            for: identity, inputName: stem + ".csv", candidates: [stem], isTakenOnDisk: { _ in false })
    }

    @Test("a stem reservation owes a sync until a content claim's commit or the publication barrier makes it durable")
    func reservationSyncedBeforePublication() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let ledger = try Ledger(path: tree.configuration.ledger)
        let first = FileIdentity(device: 1, inode: 10)
        #expect(try Self.reserve(ledger, first, "first") == "first")
        #expect(ledger.hasUnsyncedPublicationCommits)
        #expect(try ledger.claimContent(sha256: "aa", for: first, isStopped: { false }) == .claimed)
        #expect(!ledger.hasUnsyncedPublicationCommits, "the claim's synced commit carried the reservation along")

        let second = FileIdentity(device: 1, inode: 11)
        #expect(try Self.reserve(ledger, second, "second") == "second")
        #expect(ledger.hasUnsyncedPublicationCommits)
        try ledger.syncBeforePublication()
        #expect(!ledger.hasUnsyncedPublicationCommits, "the barrier synced the WAL")
        try ledger.syncBeforePublication()
    }

    @Test("a synced transaction that writes nothing (a content seen before) does not count as syncing a reservation")
    func emptySyncedCommitSyncsNothing() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let ledger = try Ledger(path: tree.configuration.ledger)
        let original = FileIdentity(device: 1, inode: 20)
        #expect(try Self.reserve(ledger, original, "original") == "original")
        #expect(try ledger.claimContent(sha256: "bb", for: original, isStopped: { false }) == .claimed)
        try ledger.record(
            LedgerEntry(
                manifest: "original.manifest.json", inputName: "original.csv", sha256: "bb", size: 3,
                outcome: .scored, identity: original, modelVersion: "m"),
            at: "2026-12-07T00:00:00Z")
        let copy = FileIdentity(device: 1, inode: 21)
        #expect(try Self.reserve(ledger, copy, "copy") == "copy")
        guard case .scoredBefore = try ledger.claimContent(sha256: "bb", for: copy, isStopped: { false }) else {
            Issue.record("the copy should find the original scored")
            return
        }
        #expect(ledger.hasUnsyncedPublicationCommits, "the look-up committed nothing, so the reservation is unsynced")
        try ledger.syncBeforePublication()
        #expect(!ledger.hasUnsyncedPublicationCommits)
    }
}
