import Foundation
import SegmentPlugin

extension MigrationSession {
    /// The artifact listing every move: `outbox/<stem>.migrations.jsonl`.
    static let artifactSuffix = "migrations.jsonl"
    /// The flag raised when the downgrade share passes `downgrade_alert_share`.
    static let downgradeFlag = "downgrade_share_exceeded"

    /// Commits the file's rows (for a fresh, non-trial file) in one synced transaction and applies them to the
    /// shared index, then writes the moves. Returns the counts, the downgrade share and the flag. If the moves cannot
    /// be written after the commit succeeded, the host fails the file, and processing it again is a replay of the
    /// committed rows: the same columns and moves come out.
    func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
        guard !isClosed else {
            throw PluginError(
                .processingFailed, source: "migration", problem: "the file was already finished or cancelled",
                fix: "report this as a bug in the host")
        }
        isClosed = true
        defer { endSession() }
        try commit()
        try MoveLines(rows: work.rows, codes: work.codes, moves: work.moves).write(to: artifacts)
        let report = report()
        work = FileWork(stored: nil, entriesAtStart: 0, settings: settings)
        return report
    }

    /// Commits the file's rows unless it is a replay or a trial.
    private func commit() throws(PluginError) {
        var replayed = work.stored != nil
        if !replayed, !file.isTrial {
            guard let sha256 else {
                throw PluginError(
                    .processingFailed, source: "migration",
                    problem: "the file was finished without its SHA-256",
                    fix: "report this as a bug in the host, which must call identify(sha256:) first")
            }
            let record = FileRecord(sha256: sha256, name: file.name, assignments: work.rows)
            let work = work
            let outcome = try state.commit(
                record, commitsAtStart: commitsAtStart, snapshotFactor: settings.snapshotFactor,
                memoryBudget: settings.memoryBudget, log: log,
                prepare: { table in work.prepareNewCustomers(for: table) },
                apply: { table, prepared in work.apply(to: &table, prepared: prepared) })
            replayed = outcome == .alreadyCommitted
        }
        if replayed {
            log(
                .info,
                "\(file.name) replays an input committed before "
                    + "(SHA-256 \((sha256 ?? "").prefix(12))…): its previous "
                    + "segments come from that first run and no state changed")
        }
    }

    /// The counts and flag, the same for a file and any replay of it: a manifest written after a crash must
    /// equal the one a crash-free run writes.
    private func report() -> PluginFileReport {
        let counts = work.counts
        let withPrevious =
            counts[Migration.same.rawValue] + counts[Migration.upgrade.rawValue]
            + counts[Migration.downgrade.rawValue]
        let downgrades = counts[Migration.downgrade.rawValue]
        let share = withPrevious == 0 ? 0 : Double(downgrades) / Double(withPrevious)
        var metrics: [String: Double] = [
            "downgrade_share": share, "moves": Double(work.moves.count),
        ]
        for migration in Migration.allCases { metrics[migration.name] = Double(counts[migration.rawValue]) }
        return PluginFileReport(
            flags: share > settings.downgradeAlertShare ? [Self.downgradeFlag] : [],
            metrics: metrics)
    }
}

/// A finished file's moves, written to `outbox/<stem>.migrations.jsonl`.
private struct MoveLines {
    let rows: FileAssignments
    let codes: SegmentCodeCache
    let moves: [(row: Int, line: Int, confidence: Double)]

    /// Writes the moves' lines in blocks of 32,768 through one reused buffer.
    func write(to artifacts: any PluginArtifactWriter) throws(PluginError) {
        guard !moves.isEmpty else { return }
        let formatter = MoveLineFormatter(names: codes.names)
        let blockSize = 32_768
        let buffer = LineBuffer(capacity: blockSize * 112)
        var first = 0
        while first < moves.count {
            rows.keys.bytes.withUnsafeBytes { keys in
                formatter.write(count: min(blockSize, moves.count - first), into: buffer) { index in
                    let move = moves[first + index]
                    let (previous, current) = (rows.previous[move.row], rows.current[move.row])
                    let key = UnsafeRawBufferPointer(
                        rebasing: keys[rows.keys.start(of: move.row)..<rows.keys.ends[move.row]])
                    return MoveLineFormatter.Move(
                        customer: key, from: previous, to: current,
                        direction: Migration.between(
                            previous: previous, previousRank: codes.ranks[Int(previous)],
                            current: current, currentRank: codes.ranks[Int(current)]),
                        confidence: move.confidence, inputLine: move.line)
                }
            }
            try artifacts.appendLines(bytes: buffer.bytes, to: MigrationSession.artifactSuffix)
            first += blockSize
        }
    }
}
