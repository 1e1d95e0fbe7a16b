import Foundation
import SegmentdTestSupport
import Testing

/// The ways writers finish a file: a slow writer that keeps the file open, `cat` with a pause, several appends,
/// a rename from a `.part` name, an rsync-style hidden temporary renamed into place, and a hard link.
extension DaemonEndToEndTests {
    /// Size of the large slowly written file; `SEGMENTD_E2E_LARGE_MB` overrides.
    static var largeFileMegabytes: Int {
        Int(ProcessInfo.processInfo.environment["SEGMENTD_E2E_LARGE_MB"] ?? "") ?? 200
    }

    @Test(
        "files done by slow writes, cat, appends, rename, rsync temporaries, hard links are each processed once, whole"
    )
    func everyWayOfFinishingAFileIsProcessedOnceWhenComplete() async throws {
        let tree = try DaemonTree(settings: ["min_age = 1.0", "min_age_renamed = 0.0"])
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        let fixture = tree.fixture
        var expectedRows: [String: Int] = [:]

        // A large file written in chunks while held open, with pauses longer than min_age in the middle.
        let block = fixture.rows.joined(separator: "\n") + "\n"
        let blocks = max(1, Self.largeFileMegabytes * 1_048_576 / block.utf8.count)
        async let slowWriter: Void = Self.writeSlowly(
            path: tree.path("inbox/large.csv"), header: fixture.header + "\n", block: Data(block.utf8), times: blocks
        )
        expectedRows["large.csv"] = blocks * fixture.rows.count

        // `cat` writing two parts with a pause between them, to the final name.
        try fixture.csv(rows: 300, from: 100).write(
            toFile: tree.path("stage/part1"), atomically: false, encoding: .utf8)
        try String(fixture.csv(rows: 200, from: 400).drop { $0 != "\n" }.dropFirst())
            .write(toFile: tree.path("stage/part2"), atomically: false, encoding: .utf8)
        try Self.shell("(cat stage/part1; sleep 1.5; cat stage/part2) > inbox/catted.csv", in: tree)
        expectedRows["catted.csv"] = 500

        // Four separate appends, each closing the file, less than min_age apart.
        let appended = tree.path("inbox/appended.csv")
        try Data((fixture.header + "\n").utf8).write(to: URL(fileURLWithPath: appended))
        for part in 0..<4 {
            try await Task.sleep(for: .milliseconds(300))
            let handle = try FileHandle.closeOnExec(appendingTo: appended)
            try handle.write(
                contentsOf: Data(
                    String(fixture.csv(rows: 50, from: 1000 + part * 50).drop { $0 != "\n" }.dropFirst()).utf8))
            try handle.close()
        }
        expectedRows["appended.csv"] = 200

        // Written under a `.part` name in the inbox, then renamed.
        try await Self.writeInTwoHalves(fixture.csv(rows: 400, from: 2000), to: tree.path("inbox/renamed.csv.part"))
        try FileManager.default.moveItem(
            atPath: tree.path("inbox/renamed.csv.part"), toPath: tree.path("inbox/renamed.csv"))
        expectedRows["renamed.csv"] = 400

        // rsync's way: a hidden `.name.XXXXXX` temporary in the inbox, renamed when complete.
        try await Self.writeInTwoHalves(fixture.csv(rows: 400, from: 3000), to: tree.path("inbox/.rsynced.csv.Qx81Tz"))
        try FileManager.default.moveItem(
            atPath: tree.path("inbox/.rsynced.csv.Qx81Tz"), toPath: tree.path("inbox/rsynced.csv"))
        expectedRows["rsynced.csv"] = 400

        // A hard link to a finished hidden temporary, which is then removed.
        try await Self.writeInTwoHalves(fixture.csv(rows: 400, from: 4000), to: tree.path("inbox/.linked.csv.tmp"))
        try FileManager.default.linkItem(
            atPath: tree.path("inbox/.linked.csv.tmp"), toPath: tree.path("inbox/linked.csv"))
        try FileManager.default.removeItem(atPath: tree.path("inbox/.linked.csv.tmp"))
        expectedRows["linked.csv"] = 400

        try await slowWriter
        try await tree.waitForManifests(expectedRows.count, timeout: .seconds(150))
        try await tree.dropLastFileAndWait(fixture.csv(rows: 5, from: 9000), timeout: .seconds(60))
        expectedRows[DaemonTree.lastFileName] = 5

        let manifests = try tree.manifests()
        #expect(manifests.count == expectedRows.count, "one manifest per file: \(manifests.keys.sorted())")
        for manifest in manifests.values {
            let name = try #require(manifest.inputName)
            let input = try #require(manifest["input"] as? [String: Any])
            let rows = manifest["rows"] as? [String: Any]
            #expect(expectedRows[name] != nil, "unexpected input \(name)")
            #expect(rows?["read"] as? Int == expectedRows[name], "\(name) was read complete")
            let archived = try FileManager.default.attributesOfItem(atPath: tree.path("var/archive/\(name)"))
            #expect(
                (input["size"] as? Int).map(UInt64.init) == archived[.size] as? UInt64,
                "\(name)'s manifest size is the whole file's")
        }
        #expect(tree.names(in: "var/archive") == expectedRows.keys.sorted())
        #expect(tree.names(in: "var/failed").isEmpty)
        #expect(tree.isDrained)
        let published = tree.names(in: "outbox")
        #expect(
            !published.contains {
                $0.hasPrefix(".") || $0.contains(".part") || $0.contains(".tmp") || $0.contains("Qx81Tz")
            })
        #expect(
            !daemon.log.contains("Qx81Tz") && !daemon.log.contains("renamed.csv.part")
                && !daemon.log.contains(".linked.csv.tmp"))

        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        tree.remove()
    }

    /// Writes `header`, then `block` `times` times through one open descriptor, pausing 1.5 s (longer than min_age)
    /// after the first quarter and briefly between blocks.
    static func writeSlowly(path: String, header: String, block: Data, times: Int) async throws {
        _ = FileManager.default.createFile(atPath: path, contents: Data(header.utf8))
        let handle = try FileHandle.closeOnExec(appendingTo: path)
        for index in 0..<times {
            try handle.write(contentsOf: block)
            try await Task.sleep(for: index == times / 4 ? .seconds(1.5) : .milliseconds(20))
        }
        try handle.close()
    }

    /// Writes `text` in two halves with a pause longer than min_age between them.
    static func writeInTwoHalves(_ text: String, to path: String) async throws {
        let bytes = Data(text.utf8)
        _ = FileManager.default.createFile(atPath: path, contents: bytes.prefix(bytes.count / 2))
        try await Task.sleep(for: .seconds(1.2))
        let handle = try FileHandle.closeOnExec(appendingTo: path)
        try handle.write(contentsOf: bytes.dropFirst(bytes.count / 2))
        try handle.close()
    }

    /// Runs `/bin/sh -c command` in the tree and waits.
    static func shell(_ command: String, in tree: DaemonTree) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = tree.url
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sh -c \(command) failed")
    }
}
