import Foundation
import Glibc
import Testing

/// `outbox/` is shared with consumers, so anything may stand at the names the daemon writes there: a symbolic link
/// or a hard link planted at a temporary or final name must never make the daemon write through it.
extension DaemonEndToEndTests {
    @Test("symlinks and hard links planted at every outbox temporary and the error file leave their victims unchanged")
    func plantedLinksNeverRedirectWrites() async throws {
        let tree = try DaemonTree(settings: ["min_age = 0.1"])
        try FileManager.default.createDirectory(atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n".write(
            toFile: tree.path("etc/plugins.d/migration.toml"), atomically: true, encoding: .utf8)
        let fixture = tree.fixture
        // A first file gives every customer a segment, so the later ones report migrations (an artifact).
        try tree.renameIn("base.csv", fixture.csv(rows: 300, from: 0))
        let first = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        #expect(try await first.waitForExit(timeout: .seconds(120)) == 0, "\(first.log)")

        let victimText = "precious content that must survive\n"
        let planted = ["sym": Self.plantSymbolicLink, "hard": Self.plantHardLink]
        var victims: [String] = []
        for (kind, plant) in planted.sorted(by: { $0.key < $1.key }) {
            let stem = "\(kind)file"
            for temporary in [
                ".\(stem).migrations.partial.jsonl", ".\(stem).scored.partial.csv",
                ".\(stem).rejects.partial.csv", ".\(stem).manifest.partial.json",
            ] {
                let victim = tree.path("stage/victim-\(temporary)")
                try victimText.write(toFile: victim, atomically: false, encoding: .utf8)
                try plant(victim, tree.path("outbox/\(temporary)"))
                victims.append(victim)
            }
            // An input that fails (no usable columns) writes its error file through a temporary in var/failed.
            try FileManager.default.createDirectory(atPath: tree.path("var/failed"), withIntermediateDirectories: true)
            let errorVictim = tree.path("stage/victim-error-\(kind)")
            try victimText.write(toFile: errorVictim, atomically: false, encoding: .utf8)
            try plant(errorVictim, tree.path("var/failed/.\(kind)bad.csv.error.partial.json"))
            victims.append(errorVictim)
            try tree.renameIn("\(kind)bad.csv", "A,B\n1,2\n")
            try tree.renameIn(
                "\(stem).csv", Self.shiftedWithAReject(fixture, rows: 300, shift: kind == "sym" ? 17 : 23))
        }
        let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
        let status = try await daemon.waitForExit(timeout: .seconds(120))

        for victim in victims {
            #expect(
                try String(contentsOfFile: victim, encoding: .utf8) == victimText,
                "\(victim) was written through a link")
        }
        // 65: the two inputs with no usable columns failed, as intended.
        #expect(status == 65, "\(daemon.log)")
        let outbox = tree.names(in: "outbox")
        for stem in ["symfile", "hardfile"] {
            for name in [
                "\(stem).scored.csv", "\(stem).rejects.csv", "\(stem).manifest.json", "\(stem).migrations.jsonl",
            ] {
                #expect(outbox.contains(name), "\(name) is published: \(outbox)")
            }
            let moves =
                (try? String(contentsOfFile: tree.path("outbox/\(stem).migrations.jsonl"), encoding: .utf8)) ?? ""
            #expect(moves.contains("\"direction\""), "\(stem) reports migrations")
            let scored = (try? String(contentsOfFile: tree.path("outbox/\(stem).scored.csv"), encoding: .utf8)) ?? ""
            #expect(scored.split(separator: "\n").count == 300, "\(stem) scored 299 rows plus the header")
        }
        let failed = tree.names(in: "var/failed")
        #expect(failed.contains("symbad.csv.error.json") && failed.contains("hardbad.csv.error.json"), "\(failed)")
        tree.remove()
    }

    /// The ledger and the lock stop the start; the migration history is opened with the first file, which the plugin
    /// then cannot process.
    @Test("a ledger, migration database or lock file that is a symbolic or hard link is refused, its target unchanged")
    func linkedStateFilesAreRefused() async throws {
        let cases: [(file: String, plant: (String, String) throws -> Void)] = [
            ("var/ledger.sqlite", Self.plantSymbolicLink), ("var/ledger.sqlite", Self.plantHardLink),
            ("var/migration.sqlite", Self.plantSymbolicLink), ("var/migration.sqlite", Self.plantHardLink),
            ("var/segmentd.lock", Self.plantSymbolicLink), ("var/segmentd.lock", Self.plantHardLink),
        ]
        for (file, plant) in cases {
            let tree = try DaemonTree(settings: ["min_age = 0.1"])
            try Self.enableMigrationPlugin(tree)
            // An empty victim: SQLite would happily make a new database in it, and the lock would write a pid.
            let victim = tree.path("stage/victim")
            _ = FileManager.default.createFile(atPath: victim, contents: Data())
            try plant(victim, tree.path(file))
            try tree.renameIn("a.csv", tree.fixture.csv(rows: 10, from: 0))
            let daemon = try DaemonProcess(in: tree, arguments: ["run", "--once"])
            let status = try await daemon.waitForExit(timeout: .seconds(60))
            #expect(try Data(contentsOf: URL(fileURLWithPath: victim)).isEmpty, "\(file): the victim was written")
            if file != "var/migration.sqlite" {
                #expect(status != 0, "\(file): the daemon refuses to start: \(daemon.log)")
            }
            #expect(
                daemon.log.contains(file.replacing("var/", with: "")) && daemon.log.contains("refuses"),
                "\(file): the message names the file: \(daemon.log)")
            tree.remove()
        }
    }

    static func plantSymbolicLink(_ victim: String, _ at: String) throws {
        try FileManager.default.createSymbolicLink(atPath: at, withDestinationPath: victim)
    }

    static func plantHardLink(_ victim: String, _ at: String) throws {
        try #require(link(victim, at) == 0, "link \(at): errno \(errno)")
    }

    /// The first `rows` customers, each with the values of the customer `shift` places on (so many change segment),
    /// and one row whose balance is not a number (a reject).
    static func shiftedWithAReject(_ fixture: Fixture, rows: Int, shift: Int) -> String {
        var text = fixture.header + "\n"
        for index in 0..<rows - 1 {
            let id = fixture.rows[index].prefix { $0 != "," }
            text += id + fixture.rows[(index + shift) % rows].drop { $0 != "," } + "\n"
        }
        let columns = fixture.header.split(separator: ",").count
        text += "REJECT1,not-a-number" + String(repeating: ",1", count: columns - 2) + "\n"
        return text
    }
}
