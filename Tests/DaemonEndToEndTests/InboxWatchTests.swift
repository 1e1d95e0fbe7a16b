import Foundation
import Testing

/// The inbox directory itself removed or replaced while the daemon serves.
extension DaemonEndToEndTests {
    @Test("an inbox removed and created again is watched again at once, long before the reconcile scan")
    func recreatedInboxIsWatchedAgainAtOnce() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2", "reconcile_interval = 3600"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try tree.drop("before.csv", tree.fixture.csv(rows: 10, from: 0))
        try await tree.waitForManifests(1, timeout: .seconds(30))

        try FileManager.default.removeItem(atPath: tree.path("inbox"))
        try FileManager.default.createDirectory(atPath: tree.path("inbox"), withIntermediateDirectories: false)
        try tree.drop("recreated.csv", tree.fixture.csv(rows: 10, from: 100))
        try await tree.waitForManifests(2, timeout: .seconds(30))

        // Moved away and replaced by a new directory: the new one is watched.
        try FileManager.default.moveItem(atPath: tree.path("inbox"), toPath: tree.path("inbox-old"))
        try FileManager.default.createDirectory(atPath: tree.path("inbox"), withIntermediateDirectories: false)
        try tree.drop("replaced.csv", tree.fixture.csv(rows: 10, from: 200))
        try await tree.waitForManifests(3, timeout: .seconds(30))

        #expect(
            try tree.manifests().values.compactMap(\.inputName).sorted() == [
                "before.csv", "recreated.csv", "replaced.csv",
            ])
        #expect(daemon.log.contains("inbox watch restored"))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }
}
