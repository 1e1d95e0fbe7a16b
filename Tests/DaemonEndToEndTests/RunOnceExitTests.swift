import Foundation
import SegmentdTestSupport
import Testing

/// `segmentd run --once` tells a scheduler whether everything was settled: 0, 65 when a file failed, 75 when one was
/// left for a retry; the counts are printed either way.
extension DaemonEndToEndTests {
    @Test("run --once exits 0 when every file was scored, 65 when one failed, and prints the counts")
    func runOnceExitsWithTheWorstOutcome() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.0"])
        try tree.renameIn("good.csv", tree.fixture.csv(rows: 20, from: 0))
        let clean = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await clean.waitForExit() == 0, "\(clean.log)")
        #expect(clean.log.contains("scored 1, duplicates 0, failed 0, deferred 0"), "\(clean.log)")

        let columns = tree.fixture.header.split(separator: ",")
        try tree.renameIn("missing-columns.csv", columns.prefix(2).joined(separator: ",") + "\n1,2\n")
        try tree.renameIn("good-2.csv", tree.fixture.csv(rows: 20, from: 100))
        let failing = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await failing.waitForExit() == 65, "\(failing.log)")
        #expect(failing.log.contains("scored 1, duplicates 0, failed 1, deferred 0"), "\(failing.log)")
        #expect(tree.names(in: "var/failed").contains("missing-columns.csv"))
        tree.remove()
    }

    @Test("run --once exits 75 when intake stayed paused and the files wait in the inbox for the next run")
    func runOnceExitsTempFailWhenFilesAreDeferred() async throws {
        // More free space than any disk has: intake pauses before the file is taken.
        let tree = try DaemonTree(settings: ["min_age = 0.0", "min_free_bytes = 1000000000000000000"])
        try tree.renameIn("waiting.csv", tree.fixture.csv(rows: 20, from: 0))
        let once = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await once.waitForExit() == 75, "\(once.log)")
        #expect(once.log.contains("failed 0, deferred 1"), "\(once.log)")
        #expect(tree.names(in: "inbox") == ["waiting.csv"])
        tree.remove()
    }
}
