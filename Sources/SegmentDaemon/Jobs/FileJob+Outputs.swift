import SegmentSupport
import Synchronization

/// Scoring a claimed file into hidden temporaries, claiming its content, and publishing the outputs.
extension FileJob {
    /// What the scoring step came to.
    enum Scoring {
        /// Scored, outputs published.
        case scored(ProcessingResult, ContentDigest)
        /// Same content as `original`, scored earlier (or by a copy that won the claim): nothing published.
        case duplicate(of: LedgerEntry, ContentDigest)
    }

    /// Scores the file and publishes its outputs, unless its content was scored before or is claimed by a copy in
    /// progress (with `duplicates = "skip"`): then nothing of it is published and no plugin commits its state.
    ///
    /// The content is claimed (``Ledger/claimContent(sha256:for:isStopped:)``) as soon as it is known: before scoring
    /// when the file was hashed first; otherwise by the processor once it has read the whole file, before the plugins
    /// finish; and at the latest before the outputs are renamed into place, for a processor that did not claim it.
    func scoreOrRecogniseDuplicate(
        identity: FileIdentity, names: OutputNames, upFront: ContentDigest?
    ) throws -> Scoring {
        let skipping = configuration.duplicates == .skip
        if skipping, let upFront, case .scoredBefore(let original) = try claim(upFront, identity: identity) {
            return .duplicate(of: original, upFront)
        }
        let claims = ClaimRecord()
        let hook: (@Sendable (ContentDigest) throws -> Void)? =
            skipping && upFront == nil
            ? { @Sendable [self] digest in try claims.make(digest) { try claim(digest, identity: identity) } }
            : nil
        let written = try writeOutputs(names: names, digest: upFront, claims: claims, hook: hook)
        guard let result = written else {
            let (digest, original) = try claims.lost()
            temporaries.discardAll()
            return .duplicate(of: original, digest)
        }
        let digest = result.inputDigest
        if hook != nil, claims.isEmpty, case .scoredBefore(let original) = try claim(digest, identity: identity) {
            temporaries.discardAll()
            return .duplicate(of: original, digest)
        }
        if let problem = rejectProblem(result.counts, names: names) {
            try publishOutputs(result, names: names, withScored: false)
            var stop = JobStop.fail(.tooManyRejects, problem)
            stop.scoring = FailedScoring(
                counts: result.counts, plugins: result.plugins, artifacts: result.artifacts, digest: digest)
            throw stop
        }
        try publishOutputs(result, names: names)
        return .scored(result, digest)
    }

    private func claim(_ digest: ContentDigest, identity: FileIdentity) throws -> ContentClaim {
        try context.ledger.claimContent(
            sha256: digest.sha256, for: identity, isStopped: { [handBack] in handBack.isSet }
        )
    }

    /// Runs the processor into hidden temporaries. Returns nil when the processor stopped because `claims` found the
    /// content scored by another file.
    private func writeOutputs(
        names: OutputNames, digest: ContentDigest?, claims: ClaimRecord,
        hook: (@Sendable (ContentDigest) throws -> Void)?
    ) throws -> ProcessingResult? {
        let scoredTemporary = DurableFile.temporaryPath(for: Path.join(configuration.outbox, names.scored))
        let rejectsTemporary = DurableFile.temporaryPath(for: Path.join(configuration.outbox, names.rejects))
        temporaries.note(scoredTemporary)
        temporaries.note(rejectsTemporary)
        temporaries.note(DurableFile.temporaryPath(for: Path.join(configuration.outbox, names.manifest)))
        try DurableFile.discardTemporary(scoredTemporary)
        try DurableFile.discardTemporary(rejectsTemporary)
        let result: ProcessingResult
        do {
            var request = request(names: names, digest: digest, output: scoredTemporary, rejects: rejectsTemporary)
            request.claimContent = hook
            result = try context.processor.process(request)
        } catch {
            if try claims.wasLost() { return nil }
            throw classify(error)
        }
        guard try Syscall.lstatIfPresent(scoredTemporary) != nil else {
            throw JobStop.fail(
                .scorerError,
                "The scorer reported success but wrote no output; this is a bug in the scorer, please report it.")
        }
        try checkpoint(.outputsWritten)
        return result
    }

    /// What a processor's error means for the input: a full or unwritable outbox and faults of the environment (an
    /// I/O error, a plugin database that cannot be used) keep it for a retry; anything else fails it.
    private func classify(_ error: any Error) -> JobStop {
        if let problem = context.outboxProbe.problem(
            outbox: configuration.outbox, minimumFreeBytes: configuration.minFreeBytes)
        {
            return JobStop.deferOutbox(problem)
        }
        if let errnoError = error as? Errno, errnoError.isOutOfSpace || errnoError.isNotWritable {
            return JobStop.deferOutbox("\(errnoError)")
        }
        // A full disk or an exhausted quota met while writing the outputs is the outbox's fault, not the input's,
        // whatever the probe above found (a quota, or space taken between the probe and the write).
        if let failure = error as? ProcessingFailure {
            switch failure.disposition {
            case .outboxUnavailable: return JobStop.deferOutbox(failure.description)
            case .keepInput: return JobStop.deferOther(failure.description)
            case .failInput: break
            }
        }
        return JobStop.fail(.invalidInput, "\(error)")
    }

    /// Why the file counts as failed although it was scored: rows were read but none scored, or the share of
    /// rejected rows is above `max_reject_share`; nil when it is scored (a header-only file is, with 0 rows).
    private func rejectProblem(_ counts: ProcessedCounts, names: OutputNames) -> String? {
        let limit = RejectLimit(maxShare: configuration.maxRejectShare)
        guard limit.isExceeded(read: counts.rowsRead, scored: counts.rowsScored, rejected: counts.rowsRejected)
        else { return nil }
        let why =
            counts.rowsScored == 0
            ? "\(counts.rowsRead) rows were read and none was scored"
            : "\(counts.rowsRejected) of \(counts.rowsRead) rows were rejected, a share above max_reject_share = "
                + "\(limit.maxShare)"
        return "\(why); the scored output is not published. '\(RawPath.display(names.rejects))' in the outbox says "
            + "why each row was rejected. Fix the rows (or raise max_reject_share in the daemon configuration) and "
            + "put the file back into the inbox."
    }

    /// Renames the finished temporaries into place; the manifest step flushes the outbox directory. Without
    /// `withScored` (a file with too many rejects) the scored output is discarded and only the rejects file and the
    /// plugins' artifacts are published.
    private func publishOutputs(_ result: ProcessingResult, names: OutputNames, withScored: Bool = true) throws {
        try context.ledger.syncBeforePublication()
        let scoredPath = Path.join(configuration.outbox, names.scored)
        let rejectsPath = Path.join(configuration.outbox, names.rejects)
        var files: [DurableFile.Publication] = []
        if withScored {
            files.append(
                DurableFile.Publication(
                    temporary: DurableFile.temporaryPath(for: scoredPath), final: scoredPath,
                    isSynced: result.outputIsSynced))
        } else {
            try DurableFile.discardTemporary(DurableFile.temporaryPath(for: scoredPath))
        }
        let rejectsTemporary = DurableFile.temporaryPath(for: rejectsPath)
        if try Syscall.lstatIfPresent(rejectsTemporary) != nil {
            files.append(DurableFile.Publication(temporary: rejectsTemporary, final: rejectsPath))
        }
        files += artifactFiles(result.artifacts, names: names)
        // The outbox directory is flushed once, after the manifest's rename, which covers these renames too.
        try DurableFile.publish(files)
        try checkpoint(.outputsPublished)
    }
}

/// The outcome of the content claim a processor makes through `ProcessingRequest.claimContent`, for the job to read
/// after the processor returned or threw.
final class ClaimRecord: Sendable {
    /// Thrown into the processor when the content is scored already, to stop it before the plugins finish.
    struct ContentScoredElsewhere: Error, CustomStringConvertible {
        var description: String { "the same content was scored by another input" }
    }

    private let state = Mutex<Result<(ContentDigest, ContentClaim), any Error>?>(nil)

    /// Claims the content `digest` with `claim`, records the outcome, and throws to stop the processor unless the
    /// claim was won.
    func make(_ digest: ContentDigest, _ claim: () throws -> ContentClaim) throws {
        let outcome = Result { try claim() }
        state.withLock { $0 = outcome.map { (digest, $0) } }
        switch try outcome.get() {
        case .claimed: return
        case .scoredBefore: throw ContentScoredElsewhere()
        }
    }

    var isEmpty: Bool { state.withLock { $0 == nil } }

    /// True when the claim found the content scored elsewhere; rethrows what stopped the claim itself.
    func wasLost() throws -> Bool {
        guard let outcome = state.withLock({ $0 }) else { return false }
        if case .scoredBefore = try outcome.get().1 { return true }
        return false
    }

    /// The earlier result the claim found.
    func lost() throws -> (ContentDigest, LedgerEntry) {
        guard let outcome = state.withLock({ $0 }), case .scoredBefore(let original) = try outcome.get().1 else {
            throw JobStop.deferOther(
                "the content claim has no earlier result (this is a bug in segmentd, please report it)"
            )
        }
        return (try outcome.get().0, original)
    }
}

/// Paths of the hidden temporaries one job writes; ``discardAll()`` removes those still there.
final class TemporaryOutputs: Sendable {
    private let paths = Mutex<Set<String>>([])

    func note(_ path: String) {
        _ = paths.withLock { $0.insert(path) }
    }

    /// Removes every noted temporary still present (a published one was renamed and is no longer there).
    func discardAll() {
        for path in paths.withLock({ $0 }) {
            try? DurableFile.discardTemporary(path)
        }
    }
}
