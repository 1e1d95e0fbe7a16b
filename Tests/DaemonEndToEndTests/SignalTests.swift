import Foundation
import Testing

/// SIGHUP with a broken configuration, SIGTERM while a file is in progress, and a second daemon on the same inbox.
extension DaemonEndToEndTests {
    @Test("SIGHUP with a broken configuration keeps the running one and the daemon goes on processing")
    func reloadWithBrokenConfigurationKeepsTheRunningOne() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try tree.drop("before.csv", tree.fixture.csv(rows: 10, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(30))

        try tree.writeConfiguration(["min_age = [0.2", "inbox = 'elsewhere'"])
        daemon.signal(SIGHUP)
        try await Poll.until("the reload is rejected", timeout: .seconds(20)) { daemon.log.contains("reload rejected") }
        try tree.drop("after.csv", tree.fixture.csv(rows: 10, from: 100))
        try await tree.waitForManifests(2, timeout: .seconds(30))
        #expect(try tree.manifests().values.compactMap(\.inputName).sorted() == ["after.csv", "before.csv"])
        #expect(daemon.process.isRunning)

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    @Test("SIGTERM while a file is in progress finishes it and exits 0")
    func terminateDrainsTheFileInProgressAndExitsZero() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let fixture = tree.fixture
        let block = fixture.rows.joined(separator: "\n") + "\n"
        try tree.renameIn("large.csv", fixture.header + "\n" + String(repeating: block, count: 15))
        try await Poll.until("the file is claimed", timeout: .seconds(20), every: .milliseconds(2)) {
            !tree.names(in: "var/work").isEmpty
        }
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        #expect(
            try tree.manifests().values.compactMap(\.inputName) == ["large.csv"], "the file in progress was finished")
        #expect(tree.isDrained)
        #expect(daemon.log.contains("stopped"))
        tree.remove()
    }

    @Test("a second daemon on the same inbox is refused with a clear message and a non-zero exit")
    func secondDaemonOnTheSameInboxIsRefused() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2"])
        let first = try DaemonProcess(in: tree)
        try await first.waitUntilServing()
        let second = try DaemonProcess(in: tree)
        let status = try await second.waitForExit(timeout: .seconds(30))
        #expect(status == 75)
        #expect(second.log.contains("already running"), "\(second.log)")
        #expect(
            second.log.contains("process \(first.pid)"), "the message names the daemon holding the lock: \(second.log)")
        #expect(first.process.isRunning)

        first.signal(SIGTERM)
        #expect(try await first.waitForExit() == 0)
        tree.remove()
    }
}
