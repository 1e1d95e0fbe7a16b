import Foundation
import Testing

/// The shipped systemd unit, as systemd itself reads it.
@Suite("systemd unit")
struct ServiceUnitTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let unit = packageRoot.appendingPathComponent("etc/segmentd.service").path

    /// Runs a command and returns its status and standard output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("systemd-analyze security rates etc/segmentd.service OK or better (exposure below 5.0)")
    func securityBand() throws {
        let analyze = "/usr/bin/systemd-analyze"
        try #require(
            FileManager.default.isExecutableFile(atPath: analyze),
            "systemd-analyze is missing: scripts/bootstrap.sh installs the systemd package")
        let result = try Self.run(analyze, ["security", "--offline=true", "--no-pager", Self.unit])
        let line = try #require(
            result.output.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(result.output)")
        // "→ Overall exposure level for segmentd.service: 1.2 OK 🙂"
        let words = line.split(separator: ":").last?.split(separator: " ") ?? []
        let exposure = try #require(words.first.flatMap { Double($0) }, "\(line)")
        let band = words.count > 1 ? String(words[1]) : ""
        #expect(exposure < 5.0, "\(result.output)")
        #expect(["OK", "SAFE", "PERFECT"].contains(band), "\(line)")
    }

    @Test("the unit does not restart on usage or configuration errors and names a watchdog and a state directory")
    func restartAndState() throws {
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        let prevented = lines.first { $0.hasPrefix("RestartPreventExitStatus=") }?.split(separator: "=").last
        let codes = Set(prevented?.split(separator: " ").map(String.init) ?? [])
        #expect(codes.isSuperset(of: ["64", "75", "78"]), "\(codes)")
        #expect(lines.contains("StateDirectory=segmentd"))
        #expect(lines.contains { $0.hasPrefix("WatchdogSec=") })
        #expect(lines.contains("ExecStart=/usr/local/bin/segmentd run --config /var/lib/segmentd/etc/segmentd.toml"))
        // What the HTTP listener and exec plugin children need stays allowed.
        #expect(lines.contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6"))
        #expect(!lines.contains { $0.hasPrefix("MemoryDenyWriteExecute=") || $0.hasPrefix("PrivateNetwork=") })
    }
}
