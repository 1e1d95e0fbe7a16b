import ExecPlugin
import Foundation
import SegmentPlugin
import Testing

/// Files sharing the one child: a file's batch exchange does not hold up the others' sessions.
@Suite struct ExecSharingTests {
    @Test("a second file's session opens while another file's batch is being exchanged")
    func sessionOpensDuringAnotherFilesExchange() async throws {
        let directory = NSTemporaryDirectory() + "exec-sharing-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plugin = try ExecFixture.child("wait_for_release.py", directory, batchTimeout: 120)
        let exchange = Task.detached {
            let first = try plugin.openSession(for: ExecFixture.file("first.csv"))
            let output = try ExecFixture.run(ExecFixture.batch(["A"]), first)
            return output.failures.isEmpty ? output[0, 0] : nil
        }
        // The child holds the first file's batch until "release" exists (or 100 s have passed), and the test
        // creates "release" only once the second session is open: the child's answer tells which came first.
        try await waitForFile(directory + "/started")

        let second = try plugin.openSession(for: ExecFixture.file("second.csv"))
        _ = FileManager.default.createFile(atPath: directory + "/release", contents: nil)

        let firstAnswer = try await exchange.value
        #expect(firstAnswer == .text("released:A"), "the second session waited for the first file's batch")
        #expect(try ExecFixture.run(ExecFixture.batch(["B"]), second)[0, 0] == .text("B"))
    }

    /// Waits (polling) for `path` to exist; a positive event, so a slow machine only makes it wait longer.
    private func waitForFile(_ path: String) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while !FileManager.default.fileExists(atPath: path) {
            try #require(ContinuousClock.now < deadline, "the child never received the first batch")
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
