import Foundation
import Glibc
import Testing

/// Names the daemon cannot show as they are: too long to add a suffix to, not UTF-8, holding control characters,
/// or without an input extension.
extension DaemonEndToEndTests {
    /// A 244-byte name, a 255-byte name (the longest Linux allows) and one that is not UTF-8.
    static let awkwardNames: [[UInt8]] = [
        Array((String(repeating: "z", count: 240) + ".csv").utf8),
        Array((String(repeating: "y", count: 251) + ".csv").utf8),
        Array("bad".utf8) + [0xFF] + Array(".csv".utf8),
    ]

    @Test("long and non-UTF-8 names are scored by run --once, every output name fits in 255 bytes")
    func awkwardNamesAreScoredOnce() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1"])
        try await Self.prepareMigrationBase(tree)
        for (index, name) in Self.awkwardNames.enumerated() {
            try RawNames.create(tree.path("inbox"), name, Self.awkwardContent(tree, index))
        }
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit(timeout: .seconds(120)) == 0, "\(daemon.log)")
        try Self.expectAwkwardNamesScored(tree, log: daemon.log)
        tree.remove()
    }

    @Test("long and non-UTF-8 names are scored by the watching daemon, every output name fits in 255 bytes")
    func awkwardNamesAreScoredWhenWatched() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1"])
        try await Self.prepareMigrationBase(tree)
        let daemon = try DaemonProcess(in: tree)
        try await daemon.waitUntilServing()
        for (index, name) in Self.awkwardNames.enumerated() {
            try RawNames.create(tree.path("stage"), name, Self.awkwardContent(tree, index))
            try RawNames.rename(tree.path("stage"), name, to: tree.path("inbox"))
        }
        try await Poll.until("every awkward name has a manifest", timeout: .seconds(60)) {
            RawNames.manifests(tree.path("outbox")).count >= Self.awkwardNames.count + 1
                && RawNames.list(tree.path("inbox")).isEmpty
        }
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit() == 0)
        try Self.expectAwkwardNamesScored(tree, log: daemon.log)
        tree.remove()
    }

    /// Its failed manifest follows the naming rule too, as a non-UTF-8 name's does.
    @Test("a 255-byte name that cannot be scored goes to var/failed with an error file that fits in 255 bytes")
    func longNameFailsIntoFailedDirectory() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1"])
        let name = String(repeating: "x", count: 251) + ".csv"
        try tree.renameIn(name, "A,B\n1,2\n")
        let notUTF8 = Array("bad".utf8) + [0xFF] + Array(".csv".utf8)
        try RawNames.create(tree.path("stage"), notUTF8, Data("A,B\n1,2\n".utf8))
        try RawNames.rename(tree.path("stage"), notUTF8, to: tree.path("inbox"))
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await daemon.waitForExit(timeout: .seconds(60)) == 65, "the file failed: \(daemon.log)")
        let failed = RawNames.list(tree.path("var/failed"))
        #expect(failed.contains(Array(name.utf8)), "the input is in var/failed: \(daemon.log)")
        let reports = failed.filter {
            $0.first == UInt8(ascii: "x") && $0.count > 11 && $0.suffix(11) == Array(".error.json".utf8)
        }
        try #require(reports.count == 1, "one error file: \(daemon.log)")
        #expect(reports[0].count <= 255 && reports[0].first != UInt8(ascii: "."))
        let report = try JSONSerialization.jsonObject(with: Data(RawNames.read(tree.path("var/failed"), reports[0])))
        #expect((report as? [String: Any])?["input"] as? String == name, "the report names the input")
        #expect(RawNames.list(tree.path("inbox")).isEmpty && RawNames.list(tree.path("var/work")).isEmpty)
        let outbox = RawNames.list(tree.path("outbox"))
        #expect(outbox.count == 2 && outbox.allSatisfy { $0.count <= 255 }, "one manifest each, nothing else")
        let manifests = try outbox.map { raw in
            try #require(
                try JSONSerialization.jsonObject(with: Data(RawNames.read(tree.path("outbox"), raw))) as? [String: Any])
        }
        let long = try #require(manifests.first { $0.inputName == name }, "\(manifests)")
        let longFailure = long["failure"] as? [String: Any]
        #expect(longFailure?["moved_to"] as? String == "var/failed/\(name)")
        #expect(longFailure?["error_file"] as? String == "var/failed/" + String(decoding: reports[0], as: UTF8.self))
        let escaped = try #require(manifests.first { $0.inputName == #"bad\xff.csv"# }, "\(manifests)")
        #expect((escaped["failure"] as? [String: Any])?["moved_to"] as? String == #"var/failed/bad\xff.csv"#)
        #expect(RawNames.list(tree.path("var/failed")).contains(notUTF8), "the input keeps its bytes")
        tree.remove()
    }

    private static func expectAwkwardNamesScored(_ tree: DaemonTree, log: String) throws {
        #expect(RawNames.list(tree.path("inbox")).isEmpty, "the inbox is drained: \(log)")
        #expect(RawNames.list(tree.path("var/failed")).isEmpty, "nothing failed: \(log)")
        #expect(
            Set(RawNames.list(tree.path("var/archive"))) == Set(Self.awkwardNames + [Array("base.csv".utf8)]),
            "each input is archived as it was named")
        let outbox = RawNames.list(tree.path("outbox"))
        for name in outbox {
            #expect(name.count <= 255, "\(String(decoding: name, as: UTF8.self)) is \(name.count) bytes")
            #expect(name.first != UInt8(ascii: "."), "no temporary is left: \(String(decoding: name, as: UTF8.self))")
        }
        let manifests = RawNames.manifests(tree.path("outbox"))
        let expectedInputs = [
            String(repeating: "z", count: 240) + ".csv", String(repeating: "y", count: 251) + ".csv", "bad\\xff.csv",
            "base.csv",
        ]
        #expect(manifests.compactMap(\.inputName).sorted() == expectedInputs.sorted(), "input.name gives the original")
        #expect(manifests.allSatisfy { $0["outcome"] as? String == "scored" })
        let scored = outbox.filter { $0.count > 11 && $0.suffix(11) == Array(".scored.csv".utf8) }
        #expect(scored.count == 4)
        for name in scored where name != Array("base.scored.csv".utf8) {
            let lines = RawNames.read(tree.path("outbox"), name).split(separator: UInt8(ascii: "\n"))
            #expect(lines.count == 300, "\(String(decoding: name, as: UTF8.self)) holds 299 rows and a header")
        }
        let migrations = outbox.filter { $0.count > 17 && $0.suffix(17) == Array(".migrations.jsonl".utf8) }
        #expect(migrations.count == 3, "each awkward name has its migrations artifact")
        // The non-UTF-8 name's outputs carry the same raw byte.
        #expect(outbox.contains(Array("bad".utf8) + [0xFF] + Array(".scored.csv".utf8)))
        #expect(outbox.contains(Array("bad".utf8) + [0xFF] + Array(".manifest.json".utf8)))
    }

    /// Scores 300 customers with the migration plugin on, so later files with those customers report moves.
    static func prepareMigrationBase(_ tree: DaemonTree) async throws {
        try enableMigrationPlugin(tree)
        try tree.renameIn("base.csv", tree.fixture.csv(rows: 300, from: 0))
        let first = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await first.waitForExit(timeout: .seconds(120)) == 0, "\(first.log)")
    }

    /// Distinct content for the awkward name at `index`: the base customers with shifted values and a reject.
    static func awkwardContent(_ tree: DaemonTree, _ index: Int) -> Data {
        Data(shiftedWithAReject(tree.fixture, rows: 300, shift: 17 + index).utf8)
    }

    static func enableMigrationPlugin(_ tree: DaemonTree) throws {
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(
            toFile: tree.path("etc/plugins.d/migration.toml"), atomically: true, encoding: .utf8)
    }
}

/// File names as raw bytes, which Foundation cannot handle when they are not UTF-8.
enum RawNames {
    static func path(_ directory: String, _ name: [UInt8]) -> [CChar] {
        (Array(directory.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
    }

    static func create(_ directory: String, _ name: [UInt8], _ contents: Data) throws {
        let descriptor = open(path(directory, name), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0, "create in \(directory): errno \(errno)")
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        try #require(written == contents.count)
    }

    static func rename(_ directory: String, _ name: [UInt8], to destination: String) throws {
        try #require(Glibc.rename(path(directory, name), path(destination, name)) == 0, "rename: errno \(errno)")
    }

    /// The whole content of a file.
    static func read(_ directory: String, _ name: [UInt8]) -> [UInt8] {
        let descriptor = open(path(directory, name), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return bytes }
            bytes += buffer.prefix(count)
        }
    }

    /// The published manifests in `directory`, whatever their names, decoded as JSON objects.
    static func manifests(_ directory: String) -> [[String: Any]] {
        list(directory).filter {
            $0.first != UInt8(ascii: ".") && $0.count > 14 && $0.suffix(14) == Array(".manifest.json".utf8)
        }
        .compactMap { try? JSONSerialization.jsonObject(with: Data(read(directory, $0))) as? [String: Any] }
    }

    /// Every entry but `.` and `..`, as bytes.
    static func list(_ directory: String) -> [[UInt8]] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != [UInt8(ascii: ".")] && name != [UInt8(ascii: "."), UInt8(ascii: ".")] { names.append(name) }
        }
        return names
    }
}
