import Glibc
import SegmentSupport

/// Moving an input that cannot be processed into the failed directory, with a note a person can act on and a
/// manifest in the outbox (`"outcome": "failed"`), so a consumer waiting for every input's manifest never waits
/// forever.
///
/// The steps mirror the scored path's: the failure is recorded in the ledger with the failed name chosen and the
/// manifest's bytes (synced) → `<name>.error.json` → input linked into the failed directory (fsync) → manifest
/// (temporary, fsync, rename, directory fsync) → work name removed → entry settled. The input is in the failed
/// directory before its manifest appears, so a reader that sees the manifest finds it where `failure.moved_to`
/// says; it keeps its work name until the manifest is out, so a crash or a full outbox at any step leaves it in the
/// work directory to be finished. A crash before the record runs the job again from the start; after it, the re-run
/// finds the entry and only finishes these steps with the recorded name and bytes (``finishFailure(_:)``).
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
                return try fail(stop)
            } catch let later as JobStop where later.kind == .skip {
                return .skipped(reason: later.reason)
            } catch let error as Errno where error.isOutOfSpace || error.isNotWritable {
                return .deferred(
                    problem: "'\(source.name)' failed (\(stop.reason)) but its manifest could not be published: "
                        + "\(error)",
                    outboxUnavailable: true)
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

    /// Records the failure with its manifest, then finishes it. Without an output name (every one derived from the
    /// input's is taken) no manifest can be published: the input only goes to the failed directory.
    private func fail(_ stop: JobStop) throws -> JobOutcome {
        let status = try Syscall.lstat(workPath)
        let names: OutputNames
        do {
            names = try reserveOutputNames(identity: status.identity)
        } catch let taken as JobStop where taken.kind == .fail {
            return try moveToFailedWithoutManifest(reason: stop.reason)
        }
        let digest = stop.scoring?.digest ?? (status.kind == .regular ? try? ContentDigest(path: workPath) : nil)
        let failed = configuration.failedDirectory
        let entry = try context.ledger.recordFailure(
            identity: status.identity, candidates: EntryMover.candidates(for: source.name),
            isTakenOnDisk: { name in
                guard let existing = try? Syscall.lstatIfPresent(Path.join(failed, name)) else { return false }
                return existing.identity != status.identity
            },
            entry: { failedName in
                let manifest = failedManifest(
                    stop, names: names, digest: digest, failedName: failedName, status: status)
                return LedgerEntry(
                    manifest: names.manifest, inputName: source.name, sha256: digest?.sha256 ?? "",
                    size: digest?.size ?? status.size, outcome: .failed, identity: status.identity,
                    modelVersion: context.processor.modelVersion,
                    failure: .init(
                        failedName: failedName, manifestJSON: String(decoding: manifest.encoded(), as: UTF8.self))
                )
            },
            at: Timestamp.now())
        guard let entry else {
            throw JobStop.deferOther("every name for '\(source.name)' is taken in the failed directory '\(failed)'")
        }
        try checkpoint(.failureRecorded)
        return try finishFailure(entry)
    }

    /// Writes the error report and the manifest of a recorded failure, moves the input under its recorded name, and
    /// settles the entry. Repeating it after a crash publishes the same manifest bytes.
    func finishFailure(_ entry: LedgerEntry) throws -> JobOutcome {
        guard let failure = entry.failure else {
            throw JobStop.deferOther("the failed entry of '\(source.name)' keeps no manifest (a bug, please report)")
        }
        let failed = configuration.failedDirectory
        let message = Manifest.decoded(failure.manifestJSON)?.failure?.message ?? "see the manifest"
        let report = FailureReport(input: RawPath.display(source.name), reason: message, failedAt: Timestamp.now())
        try DurableFile.write(report.encoded(), to: Path.join(failed, Self.errorFileName(for: failure.failedName)))
        let taken = JobStop.deferOther(
            "'\(failure.failedName)' in the failed directory '\(failed)' was taken by another file after "
                + "'\(source.name)' was recorded under that name; move that file away")
        if try Syscall.lstat(workPath).kind == .directory {
            // A directory cannot have two names: its manifest goes first, then it is renamed.
            try FailedManifest.publish(entry, outbox: configuration.outbox)
            guard case .moved = try EntryMover.move(workPath, into: failed, candidates: [failure.failedName]) else {
                throw taken
            }
            try Syscall.fsync(path: failed)
        } else {
            guard try EntryMover.link(workPath, into: failed, name: failure.failedName) else { throw taken }
            try Syscall.fsync(path: failed)
            try checkpoint(.movedToFailed)
            try FailedManifest.publish(entry, outbox: configuration.outbox)
            try checkpoint(.failedManifestPublished)
            // The failed directory holds the same file: this only removes the work name.
            _ = try EntryMover.move(workPath, into: failed, candidates: [failure.failedName])
        }
        try context.ledger.markArchived(entry.identity)
        return .failed(reason: message, failedName: failure.failedName)
    }

    /// The manifest of a failed input: why, where the input and its error report went, and what was published.
    private func failedManifest(
        _ stop: JobStop, names: OutputNames, digest: ContentDigest?, failedName: String, status: FileStatus
    ) -> Manifest {
        // Relative to the base directory, like the configuration's own spelling of `failed_dir`.
        let failed = Path.relative(configuration.failedDirectory, to: configuration.baseDirectory)
        var outputs = Manifest.Outputs(scored: nil, rejects: nil, artifacts: nil)
        if let scoring = stop.scoring {
            let rejects = Path.join(configuration.outbox, names.rejects)
            if (try? Syscall.lstatIfPresent(rejects)) != nil { outputs.rejects = RawPath.display(names.rejects) }
            if !scoring.artifacts.isEmpty { outputs.artifacts = scoring.artifacts.map(names.artifact) }
        }
        return Manifest(
            input: .init(name: RawPath.display(source.name), size: digest?.size, sha256: digest?.sha256),
            outcome: "failed",
            rows: stop.scoring?.counts,
            outputs: outputs,
            failure: .init(
                reason: stop.code, message: stop.reason,
                movedTo: RawPath.display(Path.join(failed, failedName)),
                errorFile: RawPath.display(Path.join(failed, Self.errorFileName(for: failedName)))),
            modelVersion: context.processor.modelVersion, configSHA256: context.configurationHash,
            plugins: stop.scoring?.plugins ?? [],
            startedAt: startedAt, finishedAt: Timestamp.now()
        )
    }

    /// Writes `<name>.error.json` into the failed directory, then moves the input beside it: the way out for an input
    /// that can have no manifest. A name already used by another failed file gets a `-2`, `-3`, … suffix.
    private func moveToFailedWithoutManifest(reason: String) throws -> JobOutcome {
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
            return .failed(reason: reason, failedName: name)
        }
        throw JobStop.deferOther("every name for '\(self.source.name)' is taken in the failed directory '\(failed)'")
    }

    /// `<name>.error.json`, with `name` cut to leave room for the temporary's additions: the error file and its
    /// temporary (`.<name>.error.partial.json`, 20 bytes more than the name) fit in 255 bytes; a name over 235 bytes
    /// is cut and completed with a hash (``NameLength``); the report's `input` names the file.
    static func errorFileName(for name: String) -> String {
        NameLength.fit(name, within: NameLength.maximumBytes - 20, hashing: name) + ".error.json"
    }
}
