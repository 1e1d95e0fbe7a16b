import Foundation
import Testing
@testable import SegmentDaemon

/// Real crashes: a child process runs the daemon and is killed with SIGKILL at random moments, again and again.
@Suite("kill -9")
struct KillNineTests {
    private static let childVariable = "SEGMENTD_TEST_CHILD_TREE"

    private static let inputs: [(String, String)] =
        (0..<10).map { index in
            let rows = (0..<(index * 7 + 3)).map { "\($0),\(index % 3 == 0 && $0 % 5 == 0 ? "bad" : "ok\($0)")" }
            return ("batch\(index).csv", "id,v\n" + rows.joined(separator: "\n") + "\n")
        } + [
            ("again.csv", "id,v\n0,ok0\n1,ok1\n2,ok2\n"), ("no-header.csv", "name\nx\n"),
            ("stream.jsonl", "id\n1\n2\n"),
        ]

    /// Runs the daemon once on the tree named by the environment. Only a child process started by
    /// ``killedAtRandomMomentsMatchesCrashFreeRun()`` runs it.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil))
    func childRunsDaemonOnce() async throws {
        let root = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
        let tree = try TestTree(root: root, workers: 1)
        // 13 files of 100 ms each: a child cannot finish them all before the first kill (at most 450 ms after it
        // starts), however the machine schedules it, so the kills always land during real work.
        let processor = FakeProcessor(delay: .milliseconds(100))
        _ = try await Daemon(
            configuration: tree.configuration, processorFactory: { _ in processor }, logger: .quiet, environment: [:]
        ).runOnce()
    }

    private struct Snapshot: Equatable {
        var outbox: [String: Data]
        var manifests: [String: Manifest]
        var archive: [String]
        var failed: [String]
        var leftovers: [String]
    }

    private func snapshot(_ tree: TestTree) -> Snapshot {
        var outbox = tree.outboxContents()
        var manifests: [String: Manifest] = [:]
        for name in outbox.keys where name.hasSuffix(".manifest.json") {
            var manifest = Manifest.existing(at: tree.outbox + "/" + name)
            manifest?.startedAt = ""
            manifest?.finishedAt = ""
            manifest?.configSHA256 = ""
            manifests[name] = manifest?.withoutRoot(tree.root)
            outbox[name] = nil
        }
        return Snapshot(
            outbox: outbox, manifests: manifests, archive: tree.names(in: tree.archive),
            failed: tree.names(in: tree.failed),
            leftovers: tree.names(in: tree.inbox) + tree.names(in: tree.work)
        )
    }

    @Test("after repeated SIGKILLs and a final run the outbox equals a crash-free run's")
    func killedAtRandomMomentsMatchesCrashFreeRun() async throws {
        let reference = try TestTree(workers: 1)
        defer { reference.remove() }
        for (name, text) in Self.inputs { try reference.drop(name, text) }
        _ = try await Daemon(
            configuration: reference.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:]
        ).runOnce()

        let tree = try TestTree(workers: 1)
        defer { tree.remove() }
        for (name, text) in Self.inputs { try tree.drop(name, text) }
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for _ in 0..<8 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["--testing-library", "swift-testing", "--filter", "childRunsDaemonOnce"]
            child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: tree.root]) { _, new in
                new
            }
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...450, using: &generator)))
            if child.isRunning {
                kill(child.processIdentifier, SIGKILL)
                kills += 1
            }
            child.waitUntilExit()
        }
        let archivedByChildren = tree.names(in: tree.archive).count + tree.names(in: tree.failed).count / 2
        _ = try await Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:]
        ).runOnce()

        #expect(kills > 0)
        // The children got somewhere before they were killed (so the kills landed during real work).
        #expect(archivedByChildren > 0)
        let recovered = snapshot(tree)
        #expect(recovered == snapshot(reference))
        #expect(recovered.leftovers.isEmpty)
        #expect(!recovered.outbox.keys.contains { $0.hasPrefix(".") })
    }
}
