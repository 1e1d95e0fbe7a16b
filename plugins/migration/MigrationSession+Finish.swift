import SegmentPlugin

extension MigrationSession {
    /// The artifact listing every move: `outbox/<stem>.migrations.jsonl`.
    static let artifactSuffix = "migrations.jsonl"
    /// The flag raised when the downgrade share passes `downgrade_alert_share`.
    static let downgradeFlag = "downgrade_share_exceeded"

    /// Writes the moves, then (for a fresh, non-trial file) commits the file's rows in one synced transaction and
    /// applies them to the shared index. Returns the counts, the downgrade share and the flag.
    func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
        guard !isClosed else {
            throw PluginError(.processingFailed, source: "migration", problem: "the file was already finished or cancelled",
                              fix: "report this as a bug in the host")
        }
        isClosed = true
        try writeMoves(to: artifacts)
        var replayed = work.stored != nil
        if !replayed, !file.isTrial {
            guard let sha256 else {
                throw PluginError(.processingFailed, source: "migration",
                                  problem: "the file was finished without its SHA-256",
                                  fix: "report this as a bug in the host, which must call identify(sha256:) first")
            }
            let record = FileRecord(sha256: sha256, name: file.name, assignments: work.rows)
            let work = UncheckedWork(work: work)
            let outcome = try state.commit(record, snapshotFactor: settings.snapshotFactor, log: log,
                                           prepare: { table in work.work.prepareNewCustomers(for: table) },
                                           apply: { table, prepared in work.work.apply(to: &table, prepared: prepared) })
            replayed = outcome == .alreadyCommitted
        }
        if replayed {
            log(.info, "\(file.name) replays an input committed before (SHA-256 \((sha256 ?? "").prefix(12))…): its previous "
                    + "segments come from that first run and no state changed")
        }
        let report = report()
        work = FileWork(stored: nil, entriesAtStart: 0, settings: settings)
        return report
    }

    private func writeMoves(to artifacts: any PluginArtifactWriter) throws(PluginError) {
        let (rows, codes) = (work.rows, work.codes)
        let formatter = MoveLineFormatter(names: codes.names)
        var line: [UInt8] = []
        for move in work.moves {
            let previous = rows.previous[move.row]
            let current = rows.current[move.row]
            let direction = Migration.between(previous: previous, previousRank: codes.ranks[Int(previous)],
                                              current: current, currentRank: codes.ranks[Int(current)])
            line.removeAll(keepingCapacity: true)
            rows.keys.withKey(at: move.row) { key in
                formatter.appendLine(customer: key, from: previous, to: current, direction: direction,
                                     confidence: move.confidence, inputLine: move.line, to: &line)
            }
            let appended = line.withUnsafeBytes { bytes in
                Result { () throws(PluginError) in try artifacts.appendLine(bytes: bytes, to: Self.artifactSuffix) }
            }
            try appended.get()
        }
    }

    /// The counts and flag, the same for a file and any replay of it: a manifest written after a crash must
    /// equal the one a crash-free run writes.
    private func report() -> PluginFileReport {
        let counts = work.counts
        let withPrevious = counts[Migration.same.rawValue] + counts[Migration.upgrade.rawValue]
            + counts[Migration.downgrade.rawValue]
        let downgrades = counts[Migration.downgrade.rawValue]
        let share = withPrevious == 0 ? 0 : Double(downgrades) / Double(withPrevious)
        var metrics: [String: Double] = [
            "downgrade_share": share, "moves": Double(work.moves.count),
        ]
        for migration in Migration.allCases { metrics[migration.name] = Double(counts[migration.rawValue]) }
        return PluginFileReport(flags: share > settings.downgradeAlertShare ? [Self.downgradeFlag] : [],
                                metrics: metrics)
    }
}

/// The finished file's work, handed to the thread that prepares its new customers while the commit runs; nothing
/// changes it any more.
private struct UncheckedWork: @unchecked Sendable {
    let work: FileWork
}
