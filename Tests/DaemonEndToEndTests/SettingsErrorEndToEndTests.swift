import Foundation
import SegmentdTestSupport
import Testing

/// Settings errors, as the real `segmentd validate` prints them, name the file, line and key, and suggest a fix.
extension DaemonEndToEndTests {
    @Test("a typo in segmentd.toml or in a plugin's file is reported with file, line, key and a suggestion")
    func settingsErrorsNameFileLineAndKey() throws {
        let tree = try DaemonTree(settings: ["min_age = 0.2", "workres = 2"])
        let daemon = try validate(tree)
        #expect(daemon.status != 0)
        #expect(daemon.stderr.contains("etc/segmentd.toml:2:1: workres: unknown key \"workres\""), "\(daemon.stderr)")
        #expect(daemon.stderr.contains("did you mean \"workers\""), "\(daemon.stderr)")

        try tree.writeConfiguration(["min_age = 0.2"])
        try FileManager.default.createDirectory(
            atPath: tree.path("etc/plugins.d"), withIntermediateDirectories: true)
        try "enabled = true\n\n[caps]\nmax_discount = 5\n".write(
            toFile: tree.path("etc/plugins.d/pricing.toml"), atomically: true, encoding: .utf8)
        let plugin = try validate(tree)
        #expect(plugin.status != 0)
        #expect(
            plugin.stderr.contains("etc/plugins.d/pricing.toml:4:1: caps.max_discount: unknown key \"max_discount\""),
            "\(plugin.stderr)")
        #expect(plugin.stderr.contains("did you mean \"max_discount_pct\""), "\(plugin.stderr)")
        tree.remove()
    }

    /// Runs `segmentd validate` in `tree`; its exit status and standard error.
    private func validate(_ tree: DaemonTree) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = SegmentdBinary.url
        process.arguments = ["validate"]
        process.currentDirectoryURL = tree.url
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: text, as: UTF8.self))
    }
}
