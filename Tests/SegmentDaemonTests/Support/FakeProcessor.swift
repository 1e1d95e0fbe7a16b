import Foundation
@testable import SegmentDaemon
import SegmentSupport

/// A deterministic stand-in for the scorer: copies each line and appends a column.
///
/// The first line must start with `id` (the "header"), otherwise the whole file fails. Lines containing `bad`
/// go to the rejects file. An optional delay makes a file slow, to test concurrency and draining.
struct FakeProcessor: FileProcessor {
    var modelVersion = "fake-model-1"
    var delay: Duration = .zero
    /// Thrown from every call when set, to imitate a failing disk.
    var failure: (any Error & Sendable)?
    /// While its `full` is true, every call fails with ENOSPC.
    var diskFull: DiskFullSwitch?
    /// When set, the processor hashes each input itself (as the real scorer does while reading), so the daemon
    /// need not hash first; the log receives the digest each request came with.
    var hashesWhileReading: DigestLog?
    /// The model's `created_at`, for the status document's model age.
    var modelCreatedAt: String?
    var enabledPlugins: [EnabledPlugin] = []
    /// When set, every call waits until the test opens it: a job stays in progress for as long as a test needs.
    var gate: JobGate?
    /// When set, each result carries a ``ScoredCommit`` whose two steps note the manifests the outbox held then.
    var commitProbe: CommitProbe?

    var needsDigestBeforeProcessing: Bool { hashesWhileReading == nil }

    func process(_ request: ProcessingRequest) throws -> ProcessingResult {
        let counts = try process(input: request.input, output: request.output, rejects: request.rejects)
        guard let log = hashesWhileReading else {
            return ProcessingResult(
                counts: counts, inputDigest: try request.digest ?? ContentDigest(path: request.input),
                commit: commitProbe?.commit)
        }
        log.append(request.digest?.sha256)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: request.input))
        return ProcessingResult(
            counts: counts,
            inputDigest: ContentDigest(sha256: ContentDigest.sha256(of: bytes), size: Int64(bytes.count)),
            commit: commitProbe?.commit)
    }

    struct MissingHeader: Error, CustomStringConvertible {
        let path: String
        var description: String { "The header of '\(path)' lacks the 'id' column; add it as the first column." }
    }

    func process(input: String, output: String, rejects: String) throws -> ProcessedCounts {
        gate?.pass()
        if delay > .zero {
            Thread.sleep(
                forTimeInterval: delay.inSeconds)
        }
        if let failure { throw failure }
        if let diskFull, diskFull.full { throw Errno(ENOSPC, operation: "write", path: output) }
        guard let data = FileManager.default.contents(atPath: input) else { throw MissingHeader(path: input) }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first, header.hasPrefix("id") else { throw MissingHeader(path: input) }
        var scored = "\(header),segment\n"
        var rejected = "\(header),reason\n"
        var counts = ProcessedCounts(rowsRead: lines.count - 1, rowsScored: 0, rowsRejected: 0)
        for line in lines.dropFirst() {
            if line.contains("bad") {
                rejected += "\(line),bad value\n"
                counts.rowsRejected += 1
            } else {
                scored += "\(line),\(line.count % 3)\n"
                counts.rowsScored += 1
            }
        }
        try Data(scored.utf8).write(to: URL(fileURLWithPath: output))
        try Data(rejected.utf8).write(to: URL(fileURLWithPath: rejects))
        return counts
    }
}

/// The digests the daemon handed to a ``FakeProcessor`` that hashes while reading, one per request, in order.
final class DigestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var digests: [String?] = []

    func append(_ digest: String?) {
        lock.withLock { digests.append(digest) }
    }

    var given: [String?] { lock.withLock { digests } }
}

/// An outbox probe whose answer a test sets.
final class ScriptedOutboxProbe: OutboxHealthProbe, @unchecked Sendable {
    private let lock = NSLock()
    private var currentProblem: String?

    /// Answers `problem` from now on, or only after `passing` more calls found the outbox fine.
    func setProblem(_ problem: String?, passing: Int = 0) {
        lock.withLock {
            currentProblem = problem
            passesLeft = passing
        }
    }

    private var passesLeft = 0

    private var asked = 0

    /// How many times the daemon asked.
    var calls: Int { lock.withLock { asked } }

    func problem(outbox: String, minimumFreeBytes: Int64) -> String? {
        lock.withLock {
            asked += 1
            if passesLeft > 0 {
                passesLeft -= 1
                return nil
            }
            return currentProblem
        }
    }
}

/// A flag a test flips to make ``FakeProcessor`` see a full disk.
final class DiskFullSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var full: Bool {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// What a ``FakeProcessor``'s ``ScoredCommit`` saw: for each step run, in order, the manifests in the outbox.
final class CommitProbe: @unchecked Sendable {
    struct Step: Equatable {
        var name: String
        var manifests: [String]
    }

    private let lock = NSLock()
    private var seen: [Step] = []
    let outbox: String

    init(outbox: String) { self.outbox = outbox }

    var steps: [Step] { lock.withLock { seen } }

    var commit: ScoredCommit {
        ScoredCommit({ self.note("commit") }, afterPublication: { self.note("after publication") })
    }

    private func note(_ name: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []
        let manifests = names.filter { $0.hasSuffix(".manifest.json") }.sorted()
        lock.withLock { seen.append(Step(name: name, manifests: manifests)) }
    }
}
