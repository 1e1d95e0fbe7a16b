import Foundation
import Glibc
import Testing

/// A really full outbox: a 2 MB tmpfs mounted over `outbox/`.
extension DaemonEndToEndTests {
    @Test(
        "full 2 MB outbox: intake waits for min_free_bytes, a deferred file leaves no partial, freeing space resumes",
        .enabled(if: geteuid() == 0, "mounting a tmpfs over the outbox needs root")
    )
    func fullSmallOutboxPausesAndResumesWithoutEnlargingIt() async throws {
        let tree = try DaemonTree(settings: [
            "min_age = 0.2", "workers = 2", "min_free_bytes = 1048576", "outbox_retry_interval = 1.0",
        ])
        let outbox = try SmallFileSystem(mountedAt: tree.path("outbox"), size: "2m")
        var daemon: DaemonProcess?
        defer {
            if let daemon, daemon.process.isRunning {
                daemon.signal(SIGKILL)
                daemon.process.waitUntilExit()
            }
            outbox.unmount()
        }
        // An unread output of a consumer leaves less than min_free_bytes: nothing may be taken.
        let filler = tree.path("outbox/unread.scored.csv")
        try Data(repeating: UInt8(ascii: "7"), count: 1_600_000).write(to: URL(fileURLWithPath: filler))
        let running = try DaemonProcess(in: tree)
        daemon = running
        try await running.waitUntilServing()
        try tree.drop("early.csv", tree.fixture.csv(rows: 10, from: 0))
        try await Poll.until("intake pauses before taking early.csv", timeout: .seconds(30)) {
            running.log.contains("not taking files")
        }
        #expect(tree.names(in: "inbox") == ["early.csv"], "the file is left where it is")
        #expect(tree.names(in: "var/work").isEmpty)
        try FileManager.default.removeItem(atPath: filler)
        try await tree.waitForManifests(1, timeout: .seconds(60))

        // A file whose output (about 3 MB) cannot fit: ENOSPC, deferred, intake paused, and its partial removed.
        try tree.renameIn("big.csv", tree.fixture.csv(rows: 20_000, from: 0))
        try await Poll.until("big.csv is deferred", timeout: .seconds(120)) { running.log.contains("file deferred") }
        try await Poll.until(
            "the partial output of big.csv is removed", timeout: .seconds(30), every: .milliseconds(10)
        ) {
            !tree.names(in: "outbox").contains { $0.hasPrefix(".big.") }
        }

        // The consumer takes the real outputs; the space they held is enough for new files.
        for name in tree.names(in: "outbox") where !name.hasPrefix(".") {
            try FileManager.default.removeItem(atPath: tree.path("outbox/\(name)"))
        }
        try tree.drop("after.csv", tree.fixture.csv(rows: 10, from: 500))
        // The manifest is written before the work name is removed: wait for both.
        try await Poll.until("after.csv is scored and leaves var/work", timeout: .seconds(180)) {
            FileManager.default.fileExists(atPath: tree.path("outbox/after.manifest.json"))
                && !tree.names(in: "var/work").contains("after.csv")
        }
        let manifest = try #require(try tree.manifests()["after.manifest.json"])
        #expect(manifest["outcome"] as? String == "scored")
        #expect(tree.names(in: "var/failed").isEmpty, "a full outbox fails nothing")
        #expect(tree.names(in: "var/work") == ["big.csv"], "the file too large for the outbox waits, kept")
        #expect(try SmallFileSystem.totalBytes(tree.path("outbox")) <= 2 * 1_048_576, "the filesystem was not enlarged")

        running.signal(SIGTERM)
        #expect(try await running.waitForExit() == 0)
        daemon = nil
        outbox.unmount()
        tree.remove()
    }
}

/// A tmpfs of a fixed size mounted by the test (which must run as root) and unmounted at its end.
struct SmallFileSystem {
    let path: String

    init(mountedAt path: String, size: String) throws {
        self.path = path
        let (status, output) = Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard status == 0 else {
            throw FixtureError(message: "cannot mount a \(size) tmpfs on \(path) (exit \(status)): \(output)")
        }
    }

    /// Unmounts; harmless when already done.
    func unmount() {
        _ = Self.run("/bin/umount", ["-l", path])
    }

    /// Size of the filesystem holding `path`, in bytes.
    static func totalBytes(_ path: String) throws -> Int64 {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { throw FixtureError(message: "statvfs \(path): errno \(errno)") }
        return Int64(status.f_blocks) * Int64(status.f_frsize)
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
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
