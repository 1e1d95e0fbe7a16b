import SegmentSupport

/// Moving an input that cannot be processed into the failed directory, with a note a person can act on.
extension FileJob {
    /// Turns a stop into the job's outcome. A deferred or failed job first removes its hidden temporaries: a retry
    /// writes them again from the start, and until then the space they hold counts for the outbox (a partial output
    /// left on a full outbox would keep it full). A skipped job (handed back at shutdown) leaves them to its re-run.
    func handle(_ stop: JobStop) -> JobOutcome {
        if stop.kind != .skip { temporaries.discardAll() }
        switch stop.kind {
        case .skip:
            return .skipped(reason: stop.reason)
        case .deferOutbox:
            return .deferred(problem: stop.reason, outboxUnavailable: true)
        case .deferOther:
            return .deferred(problem: stop.reason, outboxUnavailable: false)
        case .fail:
            do {
                let failedName = try moveToFailed(reason: stop.reason)
                return .failed(reason: stop.reason, failedName: failedName)
            } catch {
                return .deferred(
                    problem:
                        "'\(source.name)' could not be processed (\(stop.reason)) and could not be moved to "
                        + "the failed directory: \(error)",
                    outboxUnavailable: false
                )
            }
        }
    }

    /// Writes `<name>.error.json` into the failed directory, then moves the input beside it.
    /// A name already used by another failed file gets a `-2`, `-3`, … suffix.
    /// The error file and its temporary (`.<name>.error.partial.json`, 20 bytes more than the name) fit in 255 bytes:
    /// a name over 235 bytes is cut and completed with a hash (``NameLength``); the report's `input` names the file.
    private func moveToFailed(reason: String) throws -> String {
        let failed = context.configuration.failedDirectory
        let source = try Syscall.lstat(workPath)
        for name in EntryMover.candidates(for: self.source.name) {
            if let existing = try Syscall.lstatIfPresent(Path.join(failed, name)), existing.identity != source.identity
            {
                continue
            }
            let report = FailureReport(
                input: RawPath.display(self.source.name), reason: reason, failedAt: Timestamp.now())
            try DurableFile.write(report.encoded(), to: Path.join(failed, Self.errorFileName(for: name)))
            guard case .moved = try EntryMover.move(workPath, into: failed, candidates: [name]) else { continue }
            try Syscall.fsync(path: failed)
            try? context.ledger.releaseReservation(for: source.identity)
            return name
        }
        throw JobStop.deferOther("every name for '\(self.source.name)' is taken in the failed directory '\(failed)'")
    }

    /// `<name>.error.json`, with `name` cut to leave room for the temporary's additions.
    static func errorFileName(for name: String) -> String {
        NameLength.fit(name, within: NameLength.maximumBytes - 20, hashing: name) + ".error.json"
    }
}
