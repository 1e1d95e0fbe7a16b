import Glibc
import SegmentSupport

/// Processes one inbox file through the crash-safe sequence
/// claim → outputs to hidden temporaries → content claim → fsync → rename into place → manifest →
/// ledger → archive. An input that cannot be processed, or has too many rejects, ends in the failed directory after
/// its failed manifest is published instead (ledger → error report → manifest → move, see `FileJob+Failure`).
///
/// The content claim (``Ledger/claimContent(sha256:for:isStopped:)``) makes exactly one of several copies of one
/// content the scored one; it is made as soon as the content is known, before any plugin commits or output is
/// published (see ``scoreOrRecogniseDuplicate(identity:names:upFront:)``).
///
/// Every step can be repeated: after a crash the file is found in the work directory and the whole job runs again
/// from the start. Output names come from the stem reserved in the ledger before any output is written, the
/// processor is deterministic, and an existing manifest with the same content is left as it is, so a re-run
/// publishes the same bytes under the same names. The job blocks; run it off the cooperative thread pool.
struct FileJob: Sendable {
    let context: JobContext
    let source: JobSource
    /// Set when shutdown hands the job back: the job stops at its next step and publishes nothing more.
    var handBack = HandBackFlag()
    /// The hidden temporaries this job writes in the outbox; removed when the job is deferred or fails, so a full
    /// outbox gets back the space they hold (a retry writes them again from the start).
    let temporaries = TemporaryOutputs()
    /// When the job was made: the `started_at` of a failed input's manifest.
    let startedAt = Timestamp.now()

    var configuration: DaemonConfiguration { context.configuration }
    var workPath: String { Path.join(configuration.workDirectory, source.name) }

    /// Runs the job to its end and says how it ended. Never throws: every problem becomes an outcome.
    func run() -> JobOutcome {
        do {
            try claim()
            try checkpoint(.claimed)
            return try processClaimedFile()
        } catch let stop as JobStop {
            return handle(stop)
        } catch let error as Errno {
            return handle(JobStop(error))
        } catch {
            return handle(JobStop.deferOther("\(error)"))
        }
    }

    /// Moves the file from the inbox into the work directory; a file already there is left where it is.
    private func claim() throws {
        guard case .inbox(let name) = source else { return }
        let inboxPath = Path.join(configuration.inbox, name)
        guard try Syscall.lstatIfPresent(inboxPath) != nil else {
            throw JobStop.skip("it is no longer in the inbox")
        }
        switch try EntryMover.move(inboxPath, into: configuration.workDirectory, candidates: [name]) {
        case .moved: return
        case .destinationTaken: throw JobStop.skip("a file of the same name is still being processed")
        }
    }

    private func processClaimedFile() throws -> JobOutcome {
        let status = try Syscall.lstat(workPath)
        if let committed = try context.ledger.unarchivedEntry(for: status.identity) {
            // Its own earlier attempt, interrupted after the ledger record: only what follows the record is left.
            if committed.outcome == .failed { return try finishFailure(committed) }
            try archive(identity: status.identity)
            return .completedEarlier(manifest: committed.manifest)
        }
        switch status.kind {
        case .regular: break
        case .symbolicLink:
            throw JobStop.fail(
                .notRegularFile,
                "It is a symbolic link; segmentd never follows links. Put the file itself into the inbox.")
        case .directory:
            throw JobStop.fail(
                .notRegularFile,
                "It is a directory; segmentd only takes regular files. Put the files into the inbox one by one.")
        case .other:
            throw JobStop.fail(
                .notRegularFile,
                "It is not a regular file (a device, socket or pipe); segmentd only takes regular files.")
        }
        let (identity, _, upFront) = try readIdentity()
        let startedAt = Timestamp.now()
        let jobs = context.ledger.jobsInProgress
        jobs.begin(identity)
        defer { jobs.end(identity) }
        let names = try reserveOutputNames(identity: identity)
        let manifest: Manifest
        let entry: LedgerEntry
        let modelVersion = context.processor.modelVersion
        var scored: ProcessingResult?
        switch try scoreOrRecogniseDuplicate(identity: identity, names: names, upFront: upFront) {
        case .scored(let result, let digest):
            scored = result
            try commitScored(result)
            manifest = scoredManifest(digest: digest, names: names, result: result, startedAt: startedAt)
            entry = LedgerEntry(
                manifest: names.manifest, inputName: source.name, sha256: digest.sha256, size: digest.size,
                outcome: .scored, identity: identity, modelVersion: modelVersion
            )
        case .duplicate(let original, let digest):
            manifest = duplicateManifest(digest: digest, names: names, original: original, startedAt: startedAt)
            entry = LedgerEntry(
                manifest: names.manifest, inputName: source.name, sha256: digest.sha256, size: digest.size,
                outcome: .duplicate, identity: identity, modelVersion: modelVersion
            )
        }
        try publish(manifest, as: names.manifest)
        let publishedAt = JobMetrics.wallClockNanoseconds()
        scored?.commit?.afterManifest?()
        try checkpoint(.manifestPublished)
        try context.ledger.record(entry, at: Timestamp.now())
        try checkpoint(.ledgerRecorded)
        try archive(identity: identity)
        JobMetrics.recordPublished(
            scored: scored, inputBytes: manifest.input.size, landedAt: status.modificationNanoseconds,
            publishedAt: publishedAt)
        scored?.commit?.afterPublication?()
        if entry.outcome == .duplicate, let original = manifest.duplicateOf {
            return .duplicate(of: original.input, manifest: names.manifest)
        }
        return .scored(
            manifest.rows ?? ProcessedCounts(rowsRead: 0, rowsScored: 0, rowsRejected: 0), manifest: names.manifest)
    }

    /// Runs the processor's own record of a scored file (``ScoredCommit``); a failure keeps the input for a retry.
    private func commitScored(_ result: ProcessingResult) throws {
        guard let commit = result.commit else { return }
        do {
            try commit.commit()
        } catch {
            throw JobStop.deferOther("the processor could not record the scored file: \(error)")
        }
    }

    /// Reports a finished step; stops the job when it was handed back meanwhile.
    func checkpoint(_ step: JobStep) throws {
        try context.reached(step)
        if handBack.isSet { throw JobStop.skip("handed back at shutdown; it stays in the work directory") }
    }

    /// Opens the claimed file without following links; hashes it when its digest is needed before scoring.
    ///
    /// The digest is needed first when the processor asks for it (`needsDigestBeforeProcessing`) or when the file
    /// may be a duplicate of an input committed before, which only an input of the same size already scored makes
    /// possible. Otherwise the processor hashes the file while it reads it, and the file is read once; a copy of a
    /// file still in progress is caught by the content claim made once the digest is known.
    private func readIdentity() throws -> (FileIdentity, size: Int64, ContentDigest?) {
        let descriptor: Int32
        do {
            descriptor = try Syscall.open(workPath, O_RDONLY | O_NOFOLLOW)
        } catch {
            guard error.code == EACCES || error.code == EPERM else { throw error }
            throw JobStop.fail(
                .unreadable,
                "It cannot be read (\(error.reason)). Give the daemon's user read permission and put it back "
                    + "into the inbox."
            )
        }
        defer { Syscall.close(descriptor) }
        let status = try Syscall.fstat(descriptor, path: workPath)
        if status.size == 0 {
            throw JobStop.fail(.empty, "It is empty (0 bytes). Write the complete file into the inbox again.")
        }
        let needsDigest =
            try context.processor.needsDigestBeforeProcessing
            || (configuration.duplicates == .skip && context.ledger.hasScored(size: status.size))
        guard needsDigest else { return (status.identity, status.size, nil) }
        return (status.identity, status.size, try ContentDigest(reading: descriptor, path: workPath))
    }

    func reserveOutputNames(identity: FileIdentity) throws -> OutputNames {
        let outbox = configuration.outbox
        let stem = try context.ledger.reserveStem(
            for: identity, inputName: source.name, candidates: OutputNames.candidateStems(for: source.name),
            isTakenOnDisk: { stem in
                OutputNames.allNames(stem: stem).contains {
                    (try? Syscall.lstatIfPresent(Path.join(outbox, $0))) != nil
                }
            }
        )
        guard let stem else {
            throw JobStop.fail(
                .namesTaken,
                "Every output name derived from it is taken in the outbox; rename the file and put it back.")
        }
        return OutputNames(stem: stem, format: OutputNames.Format(inputName: source.name))
    }

    /// Writes the manifest, unless one with the same content is already in place (left by an interrupted attempt),
    /// then flushes the outbox directory, making the renames of the outputs durable as well.
    private func publish(_ manifest: Manifest, as name: String) throws {
        try context.ledger.syncBeforePublication()
        let path = Path.join(configuration.outbox, name)
        if let existing = Manifest.existing(at: path), existing.hasSameContent(as: manifest) {
            try Syscall.fsync(path: path)
            try Syscall.fsync(path: configuration.outbox)
            return
        }
        try DurableFile.write(manifest.encoded(), to: path)
    }

    /// Moves the input from the work directory to the archive and records that in the ledger.
    private func archive(identity: FileIdentity) throws {
        let archive = configuration.archiveDirectory
        switch try EntryMover.move(workPath, into: archive, candidates: EntryMover.candidates(for: source.name)) {
        case .moved:
            try Syscall.fsync(path: archive)
            try context.ledger.markArchived(identity)
            try checkpoint(.archived)
        case .destinationTaken:
            throw JobStop.deferOther("every archive name for '\(source.name)' is taken in '\(archive)'")
        }
    }

    private func scoredManifest(digest: ContentDigest, names: OutputNames, result: ProcessingResult, startedAt: String)
        -> Manifest
    {
        let rejectsPublished = (try? Syscall.lstatIfPresent(Path.join(configuration.outbox, names.rejects))) != nil
        let artifacts = result.artifacts.map(names.artifact)
        return Manifest(
            input: .init(name: RawPath.display(source.name), size: digest.size, sha256: digest.sha256),
            outcome: "scored",
            rows: result.counts,
            outputs: .init(
                scored: RawPath.display(names.scored), rejects: rejectsPublished ? RawPath.display(names.rejects) : nil,
                artifacts: artifacts.isEmpty ? nil : artifacts.map(RawPath.display)),
            modelVersion: context.processor.modelVersion, configSHA256: context.configurationHash,
            plugins: result.plugins,
            schema: result.schema?.columns, schemaSHA256: result.schema?.sha256, imputed: result.imputed,
            drift: result.drift, shadow: result.shadow, ab: result.ab,
            startedAt: startedAt, finishedAt: Timestamp.now()
        )
    }

    /// The manifest of a duplicate: it points at the earlier result and names the model that computed it (when the
    /// ledger knows it), so a consumer sees when that result is older than the current model.
    private func duplicateManifest(digest: ContentDigest, names: OutputNames, original: LedgerEntry, startedAt: String)
        -> Manifest
    {
        let current = context.processor.modelVersion
        return Manifest(
            input: .init(name: RawPath.display(source.name), size: digest.size, sha256: digest.sha256),
            outcome: "duplicate",
            duplicateOf: .init(
                input: RawPath.display(original.inputName), manifest: RawPath.display(original.manifest),
                modelVersion: original.modelVersion,
                sameModel: original.modelVersion.map { $0 == current }
            ),
            modelVersion: current, configSHA256: context.configurationHash,
            startedAt: startedAt, finishedAt: Timestamp.now()
        )
    }
}
