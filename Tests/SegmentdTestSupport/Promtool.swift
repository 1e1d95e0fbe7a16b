import Foundation

/// Prometheus' `promtool`, taken out of Debian's `prometheus` package by scripts/test-tools.sh (no server is
/// installed), for checking segmentd's metrics exposition.
public enum Promtool {
    /// `$SEGMENTD_PROMTOOL` when set, else `.build/test-tools/usr/bin/promtool` in the repository; nil when neither
    /// exists (run `bash scripts/test-tools.sh`).
    public static var path: String? {
        if let override = ProcessInfo.processInfo.environment["SEGMENTD_PROMTOOL"], !override.isEmpty {
            return override
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = root.appendingPathComponent(".build/test-tools/usr/bin/promtool").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Runs `promtool check metrics` on `exposition` (its standard input); returns the exit status and everything it
    /// printed (problems and lint findings). Status 0 with no output means the exposition passed without findings.
    public static func checkMetrics(_ exposition: [UInt8], promtool: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(exposition))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// The samples of an exposition: `name{labels}` (as written) to value; comments skipped.
    public static func samples(_ exposition: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            samples[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        return samples
    }
}
