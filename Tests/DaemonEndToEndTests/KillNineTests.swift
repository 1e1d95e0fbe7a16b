import Foundation
import SegmentdTestSupport
import Testing

/// `kill -9` at seeded random moments while a large file and many small ones are in flight.
extension DaemonEndToEndTests {
    /// Number of SIGKILLs; `SEGMENTD_E2E_KILLS` overrides.
    static var killCount: Int { Int(ProcessInfo.processInfo.environment["SEGMENTD_E2E_KILLS"] ?? "") ?? 20 }

    /// The inputs of the kill -9 test: one large file and 60 small ones (every fifth with rows to reject), of which
    /// six fail: three lack the model's columns, three have every row rejected (`too_many_rejects`).
    static func killTestInputs(_ fixture: Fixture) -> [(name: String, text: String)] {
        let block = fixture.rows.joined(separator: "\n") + "\n"
        var inputs = [("large.csv", fixture.header + "\n" + String(repeating: block, count: 40))]
        for index in 0..<60 {
            var text = fixture.csv(rows: 40, from: 7000 + index * 40)
            if index % 5 == 0 { text += String(repeating: "not,a,row\n", count: 3) }
            if index % 20 == 3 { text = "CUST_ID,BALANCE\n1,2\n" }
            if index % 20 == 8 { text = fixture.header + "\n" + rejectedRows(fixture, count: 40, from: index * 40) }
            inputs.append((String(format: "small-%02d.csv", index), text))
        }
        return inputs
    }

    @Test("after kill -9 at random moments and a restart, the outbox equals a crash-free run's")
    func killedAtRandomMomentsOutboxEqualsCrashFreeRun() async throws {
        let settings = ["min_age = 0.2"]
        let reference = try DaemonTree(settings: settings)
        let inputs = Self.killTestInputs(reference.fixture)
        for input in inputs {
            try reference.renameIn(input.name, input.text)
        }
        let once = try DaemonProcess(in: reference, arguments: ["run", "--once"])
        #expect(try await once.waitForExit(timeout: .seconds(120)) == 65, "six files fail: \(once.log)")
        let expected = try OutboxSnapshot(reference)
        #expect(expected.manifests.count == inputs.count, "one manifest per input, a failed one too")
        #expect(expected.manifests.values.filter { $0["outcome"] as? String == "failed" }.count == 6)

        let tree = try DaemonTree(settings: settings)
        var random = SeededGenerator(seed: 20_261_123)
        var pending = inputs.dropFirst()
        try tree.renameIn(inputs[0].name, inputs[0].text)
        for kill in 0..<Self.killCount {
            let daemon = try DaemonProcess(in: tree)
            let lifetime = Int.random(in: 50...2_000, using: &random)
            let dropAt = Int.random(in: 0...lifetime, using: &random)
            try await Task.sleep(for: .milliseconds(dropAt))
            let batch = Int.random(in: 2...8, using: &random)
            for input in pending.prefix(batch) {
                try tree.drop(input.name, input.text)
            }
            pending = pending.dropFirst(batch)
            try await Task.sleep(for: .milliseconds(lifetime - dropAt))
            try await daemon.killNine()
            let snapshot = try OutboxSnapshot(tree)
            #expect(
                snapshot.isConsistentPart(of: expected),
                "after kill \(kill + 1): \(snapshot.differences(from: expected))")
        }
        for input in pending {
            try tree.drop(input.name, input.text)
        }
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        try await tree.waitForManifests(inputs.count, timeout: .seconds(120))
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)

        let final = try OutboxSnapshot(tree)
        #expect(final.names == expected.names, "the same files, and no temporaries left in the outbox")
        #expect(final.isConsistentPart(of: expected), "\(final.differences(from: expected))")
        #expect(tree.names(in: "var/archive") == reference.names(in: "var/archive"))
        #expect(tree.names(in: "var/failed") == reference.names(in: "var/failed"))
        #expect(tree.isDrained)
        // Every scored file counted once into the monitoring windows, whatever the kills: the same days and figures.
        let counted = try await CommandResult.run(["history", "--json"], in: tree.url)
        let crashFree = try await CommandResult.run(["history", "--json"], in: reference.url)
        #expect(counted.status == 0 && counted.stdout.contains("\"rows\""), "\(counted.stdout)\(counted.stderr)")
        #expect(counted.stdout == crashFree.stdout, "killed: \(counted.stdout)\ncrash-free: \(crashFree.stdout)")
        reference.remove()
        tree.remove()
    }
}

/// The outbox of one tree: every name, the bytes of scored and rejects files, manifests without their timestamps.
struct OutboxSnapshot {
    var names: [String]
    var files: [String: Data] = [:]
    var manifests: [String: NSDictionary] = [:]

    init(_ tree: DaemonTree) throws {
        names = tree.names(in: "outbox")
        for name in names where !name.hasPrefix(".") {
            if name.hasSuffix(".manifest.json") {
                // Messages name files by absolute path: the two runs' trees differ only there.
                let text = try String(contentsOfFile: tree.path("outbox/\(name)"), encoding: .utf8)
                let data = Data(text.replacingOccurrences(of: tree.url.path, with: "<tree>").utf8)
                let object = try #require(
                    try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(name) is a whole JSON object")
                manifests[name] = object.withoutTimestamps
            } else {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: tree.path("outbox/\(name)")))
            }
        }
    }

    /// True when every final-named file is byte-identical to the crash-free run's, every manifest equal but for its
    /// timestamps, and every other name a hidden temporary of the daemon's.
    func isConsistentPart(of expected: OutboxSnapshot) -> Bool { differences(from: expected).isEmpty }

    func differences(from expected: OutboxSnapshot) -> [String] {
        var problems: [String] = []
        for name in names {
            if name.hasPrefix(".") {
                if !name.contains(".partial") { problems.append("\(name) is not a daemon temporary") }
            } else if let data = files[name] {
                if expected.files[name] != data { problems.append("\(name) differs from the crash-free run's") }
            } else if let manifest = manifests[name] {
                if expected.manifests[name] != manifest {
                    problems.append("manifest \(name) differs from the crash-free run's")
                }
            }
        }
        return problems
    }
}
