import Foundation
import Glibc
@testable import ScoringHost
@testable import SegmentDaemon
import SegmentSupport
import Testing
import SegmentIO

/// The real processor writing into an outbox that is full (a small tmpfs) or over its quota (`EDQUOT`, injected at
/// the one system-call layer, since this kernel has no quota support): the input stays in the work directory, nothing
/// goes to var/failed, and the job asks for intake to pause (outbox unavailable), whatever the free-space probe says.
@Suite("the real processor out of space")
struct OutOfSpaceTests {
    @Test(
        "a full outbox filesystem (ENOSPC the probe misses) keeps the input and pauses intake",
        .enabled(if: SmallTmpfs.canMount, "mounting a tmpfs needs root and a kernel that allows it here"))
    func fullFileSystemKeepsTheInput() throws {
        var tree = try PluginTree(plugins: [:])
        tree.configuration.minFreeBytes = 0  // the probe sees no problem: only the write finds the disk full
        let outbox = try SmallTmpfs(mountedAt: tree.configuration.outbox, size: "64k")
        defer {
            outbox.unmount()
            withExtendedLifetime(tree) {}
        }
        try tree.drop("big.csv", try ModelFixture.shared.get().csv(rows: 2000))
        let outcome = FileJob(context: try tree.context(), source: .inbox(name: "big.csv")).run()
        Self.expectKeptAndPaused(outcome, name: "big.csv", in: tree, reason: "No space left on device")
        #expect(!tree.outbox().keys.contains { $0.hasPrefix(".") }, "the partial output is removed")
    }

    @Test(
        "a quota error (EDQUOT) creating or writing the scored output keeps the input and pauses intake",
        arguments: ["open", "write"])
    func quotaKeepsTheInput(failing operation: String) throws {
        let tree = try PluginTree(plugins: [:])
        try tree.drop("day.csv", try ModelFixture.shared.get().csv(rows: 50))
        let context = try tree.context()
        let rule = SyscallFaults.Rule(
            operation: operation, pathContaining: tree.configuration.outbox + "/.day.scored", code: EDQUOT)
        let outcome = SyscallFaults.with(rule) { FileJob(context: context, source: .inbox(name: "day.csv")).run() }
        Self.expectKeptAndPaused(outcome, name: "day.csv", in: tree, reason: "quota")
    }

    @Test("the daemon's processor asks for a durable output, which it does not open again to publish")
    func processorWritesDurably() {
        #expect(ScoringHost.fileOptions.durableOutput)
    }

    private static func expectKeptAndPaused(_ outcome: JobOutcome, name: String, in tree: PluginTree, reason: String) {
        guard case .deferred(let problem, let outboxUnavailable) = outcome else {
            Issue.record("expected a deferral that pauses intake, got \(outcome)")
            return
        }
        #expect(outboxUnavailable, "intake pauses: \(problem)")
        #expect(problem.localizedCaseInsensitiveContains(reason), "\(problem)")
        let manager = FileManager.default
        #expect((try? manager.contentsOfDirectory(atPath: tree.configuration.failedDirectory)) == [])
        #expect((try? manager.contentsOfDirectory(atPath: tree.configuration.workDirectory)) == [name])
    }
}

/// A tmpfs of a fixed size mounted by the test (as root) over an existing directory.
struct SmallTmpfs {
    let path: String

    init(mountedAt path: String, size: String) throws {
        self.path = path
        let (status, output) = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard status == 0 else {
            throw MountError(description: "cannot mount a \(size) tmpfs on \(path) (exit \(status)): \(output)")
        }
    }

    /// Unmounts; harmless when already done.
    func unmount() {
        _ = Self.run("/bin/umount", ["-l", path])
    }

    /// True when this process can mount a tmpfs (root, and not forbidden by the container).
    static let canMount: Bool = {
        guard geteuid() == 0 else { return false }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tmpfs-probe-\(UUID())").path
        guard (try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)) != nil,
            let mount = try? SmallTmpfs(mountedAt: directory, size: "64k")
        else { return false }
        mount.unmount()
        try? FileManager.default.removeItem(atPath: directory)
        return true
    }()

    struct MountError: Error, CustomStringConvertible {
        var description: String
    }

    private static func run(_ tool: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
