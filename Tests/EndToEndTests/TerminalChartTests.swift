import Foundation
import Testing

/// `train` and `inspect` draw Unicode bar charts on a terminal (a pseudo-terminal from `script`) and print only
/// their tables into a pipe.
@Suite(.serialized)
struct TerminalChartTests {
    /// Runs `segmentd arguments…` on a pseudo-terminal through util-linux `script`; returns its exit status and what
    /// the terminal showed, with the terminal's CR LF line ends made LF.
    static func onTerminal(_ arguments: [String], in directory: URL) throws -> (status: Int32, screen: String) {
        let command = ([Segmentd.binary.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(["TERM": "xterm"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let screen = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        return (process.terminationStatus, screen)
    }

    /// The lines of the chart titled `title`: from the title to the first empty line.
    static func chart(_ title: String, in screen: String) -> [Substring] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix(title) }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    @Test("inspect on a terminal draws the elbow, the silhouette by k and the segment sizes; into a pipe it does not")
    func inspectDrawsChartsOnlyOnATerminal() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "3000", "--seed", "11", "customers.csv"], in: workspace.url)
        try Segmentd.succeed(["train", "customers.csv", "--k", "auto", "--output", "model.json"], in: workspace.url)
        let json = try Segmentd.succeed(["inspect", "model.json", "--json"], in: workspace.url)
        let model = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let swept = try #require(model["selection"] as? [[String: Any]])
        let chosen = try #require((model["kmeans"] as? [String: Any])?["k"] as? Int)
        try #require(swept.count > 1, "--k auto records its sweep")

        let terminal = try Self.onTerminal(["inspect", "model.json"], in: workspace.url)
        #expect(terminal.status == 0, "\(terminal.screen)")
        let elbow = Self.chart("elbow: inertia by k", in: terminal.screen)
        #expect(elbow.count == swept.count, "one bar per k tried")
        #expect(elbow.filter { $0.contains("<- chosen") }.map { $0.contains("k=\(chosen) ") } == [true])
        #expect(elbow.contains { $0.contains("█") })
        #expect(Self.chart("silhouette by k", in: terminal.screen).count == swept.count)
        let sizes = Self.chart("segment sizes", in: terminal.screen)
        #expect(sizes.count == chosen, "one bar per segment")
        #expect(sizes.allSatisfy { $0.contains("│") && $0.contains("%)") })

        let piped = try Segmentd.succeed(["inspect", "model.json"], in: workspace.url)
        #expect(piped.contains("explained variance"))
        #expect(!piped.contains("elbow: inertia by k") && !piped.contains("█"), "a pipe gets the tables only")
    }

    @Test("train on a terminal draws the charts after its tables; a fixed k says there is no sweep to chart")
    func trainDrawsChartsOnATerminal() throws {
        let workspace = try Workspace()
        try Segmentd.succeed(["generate", "--rows", "2000", "--seed", "5", "customers.csv"], in: workspace.url)

        let terminal = try Self.onTerminal(
            ["train", "customers.csv", "--k", "4", "--output", "fixed.json"], in: workspace.url)

        #expect(terminal.status == 0, "\(terminal.screen)")
        #expect(terminal.screen.contains("elbow: k was fixed at 4, no sweep over k to chart"))
        #expect(Self.chart("segment sizes", in: terminal.screen).count == 4)
        let piped = try Segmentd.succeed(
            ["train", "customers.csv", "--k", "4", "--output", "piped.json"], in: workspace.url)
        #expect(!piped.contains("segment sizes (customers"), "a pipe gets the tables only")
    }
}
