import Glibc
import SegmentIO

/// Processes one inbox file through the crash-safe sequence
/// claim → outputs to hidden temporaries → fsync → rename into place → manifest → ledger → archive.
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
        } catch let error as ErrnoError {
            return handle(JobStop(error))
        } catch {
            return .deferred(problem: "\(error)", outboxUnavailable: false)
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
        switch status.kind {
        case .regular: break
        case .symbolicLink:
            throw JobStop.fail("It is a symbolic link; segmentd never follows links. Put the file itself into the inbox.")
        case .directory:
            throw JobStop.fail("It is a directory; segmentd only takes regular files. Put the files into the inbox one by one.")
        case .other:
            throw JobStop.fail("It is not a regular file (a device, socket or pipe); segmentd only takes regular files.")
        }
        let (identity, size, upFront) = try readIdentity()
        let startedAt = Timestamp.now()
        if let committed = try context.ledger.unarchivedEntry(for: identity) {
            try archive(identity: identity)
            return .completedEarlier(manifest: committed.manifest)
        }
        let original = try upFront.flatMap { digest in
            configuration.duplicates == .skip ? try context.ledger.firstScored(sha256: digest.sha256) : nil
        }
        let names = try reserveOutputNames(identity: identity)
        let manifest: Manifest
        let digest: ContentDigest
        if let original, let upFront {
            digest = upFront
            manifest = duplicateManifest(digest: digest, names: names, original: original, startedAt: startedAt)
        } else {
            let result = try produceOutputs(names: names, inputSize: size, digest: upFront)
            digest = try upFront ?? result.inputDigest ?? ContentDigest(path: workPath)
            manifest = scoredManifest(digest: digest, names: names, result: result, startedAt: startedAt)
        }
        try publish(manifest, as: names.manifest)
        try checkpoint(.manifestPublished)
        let entry = LedgerEntry(
            manifest: names.manifest, inputName: source.name, sha256: digest.sha256, size: digest.size,
            outcome: original == nil ? .scored : .duplicate, identity: identity
        )
        try context.ledger.record(entry, at: Timestamp.now())
        try checkpoint(.ledgerRecorded)
        try archive(identity: identity)
        if let original {
            return .duplicate(of: original.inputName, manifest: names.manifest)
        }
        return .scored(manifest.rows ?? ProcessedCounts(rowsRead: 0, rowsScored: 0, rowsRejected: 0), manifest: names.manifest)
    }

    /// Reports a finished step; stops the job when it was handed back meanwhile.
    private func checkpoint(_ step: JobStep) throws {
        try context.reached(step)
        if handBack.isSet { throw JobStop.skip("handed back at shutdown; it stays in the work directory") }
    }

    /// Opens the claimed file without following links; hashes it when its digest is needed before scoring.
    ///
    /// The digest is needed first when the processor asks for it (`needsDigestBeforeProcessing`) or when the file
    /// may be a duplicate to skip, which only an input of the same size already scored makes possible. Otherwise
    /// the processor hashes the file while it reads it, and the file is read once.
    private func readIdentity() throws -> (FileIdentity, size: Int64, ContentDigest?) {
        let descriptor: Int32
        do {
            descriptor = try Syscall.open(workPath, O_RDONLY | O_NOFOLLOW)
        } catch {
            guard error.code == EACCES || error.code == EPERM else { throw error }
            throw JobStop.fail(
                "It cannot be read (\(error.reason)). Give the daemon's user read permission and put it back into the inbox."
            )
        }
        defer { Syscall.close(descriptor) }
        let status = try Syscall.fstat(descriptor, path: workPath)
        if status.size == 0 {
            throw JobStop.fail("It is empty (0 bytes). Write the complete file into the inbox again.")
        }
        let needsDigest = try context.processor.needsDigestBeforeProcessing
            || (configuration.duplicates == .skip && context.ledger.hasScored(size: status.size))
        guard needsDigest else { return (status.identity, status.size, nil) }
        return (status.identity, status.size, try ContentDigest(reading: descriptor, path: workPath))
    }

    private func reserveOutputNames(identity: FileIdentity) throws -> OutputNames {
        let outbox = configuration.outbox
        let stem = try context.ledger.reserveStem(
            for: identity, inputName: source.name, candidates: OutputNames.candidateStems(for: source.name),
            isTakenOnDisk: { stem in
                OutputNames.allNames(stem: stem).contains { (try? Syscall.lstatIfPresent(Path.join(outbox, $0))) != nil }
            }
        )
        guard let stem else {
            throw JobStop.fail("Every output name derived from it is taken in the outbox; rename the file and put it back.")
        }
        return OutputNames(stem: stem, format: OutputNames.Format(inputName: source.name))
    }

    /// Runs the processor into hidden temporaries and renames them into place; the manifest step flushes the outbox.
    private func produceOutputs(names: OutputNames, inputSize: Int64, digest: ContentDigest?) throws -> ProcessingResult {
        let scoredPath = Path.join(configuration.outbox, names.scored)
        let rejectsPath = Path.join(configuration.outbox, names.rejects)
        let scoredTemporary = DurableFile.temporaryPath(for: scoredPath)
        let rejectsTemporary = DurableFile.temporaryPath(for: rejectsPath)
        try DurableFile.discardTemporary(scoredTemporary)
        try DurableFile.discardTemporary(rejectsTemporary)
        // A large output is flushed in the background while it is written, so the fsync before publishing has
        // little left to do.
        let flusher = inputSize >= BackgroundFlusher.inputThreshold ? BackgroundFlusher(path: scoredTemporary) : nil
        defer { flusher?.stop() }
        let result: ProcessingResult
        do {
            result = try context.processor.process(request(names: names, digest: digest, output: scoredTemporary, rejects: rejectsTemporary))
        } catch {
            if let problem = context.outboxProbe.problem(outbox: configuration.outbox, minimumFreeBytes: configuration.minFreeBytes) {
                throw JobStop.deferOutbox(problem)
            }
            if let errnoError = error as? ErrnoError, errnoError.isOutOfSpace || errnoError.isNotWritable {
                throw JobStop.deferOutbox("\(errnoError)")
            }
            throw JobStop.fail("\(error)")
        }
        guard try Syscall.lstatIfPresent(scoredTemporary) != nil else {
            throw JobStop.fail("The scorer reported success but wrote no output; this is a bug in the scorer, please report it.")
        }
        try checkpoint(.outputsWritten)
        var files = [(temporary: scoredTemporary, final: scoredPath)]
        if try Syscall.lstatIfPresent(rejectsTemporary) != nil {
            files.append((temporary: rejectsTemporary, final: rejectsPath))
        }
        files += artifactFiles(result.artifacts, names: names)
        // The outbox directory is flushed once, after the manifest's rename, which covers these renames too.
        try DurableFile.publish(files)
        try checkpoint(.outputsPublished)
        return result
    }

    /// Writes the manifest, unless one with the same content is already in place (left by an interrupted attempt),
    /// then flushes the outbox directory, making the renames of the outputs durable as well.
    private func publish(_ manifest: Manifest, as name: String) throws {
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

    private func scoredManifest(digest: ContentDigest, names: OutputNames, result: ProcessingResult, startedAt: String) -> Manifest {
        let rejectsPublished = (try? Syscall.lstatIfPresent(Path.join(configuration.outbox, names.rejects))) != nil
        let artifacts = result.artifacts.map(names.artifact)
        return Manifest(
            input: .init(name: RawPath.display(source.name), size: digest.size, sha256: digest.sha256), outcome: "scored",
            rows: result.counts,
            outputs: .init(scored: RawPath.display(names.scored), rejects: rejectsPublished ? RawPath.display(names.rejects) : nil,
                           artifacts: artifacts.isEmpty ? nil : artifacts.map(RawPath.display)),
            modelVersion: context.processor.modelVersion, configSHA256: context.configurationHash, plugins: result.plugins,
            startedAt: startedAt, finishedAt: Timestamp.now()
        )
    }

    private func duplicateManifest(digest: ContentDigest, names: OutputNames, original: LedgerEntry, startedAt: String) -> Manifest {
        Manifest(
            input: .init(name: RawPath.display(source.name), size: digest.size, sha256: digest.sha256), outcome: "duplicate",
            duplicateOf: .init(input: RawPath.display(original.inputName), manifest: RawPath.display(original.manifest)),
            modelVersion: context.processor.modelVersion, configSHA256: context.configurationHash,
            startedAt: startedAt, finishedAt: Timestamp.now()
        )
    }
}
