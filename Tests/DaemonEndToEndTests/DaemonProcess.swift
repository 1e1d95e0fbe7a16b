import Foundation
import Glibc
import SegmentdTestSupport
import Testing

/// One `segmentd` process started in a daemon tree, its standard output and error going to a log file there.
final class DaemonProcess {
    let process = Process()
    let logPath: String

    /// Starts `segmentd arguments…` in `tree` (default: `run`, serving until signalled), with `environment` added to
    /// the test's own.
    init(in tree: DaemonTree, arguments: [String] = ["run"], environment: [String: String] = [:]) throws {
        logPath = tree.path("log/segmentd-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = SegmentdBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = tree.url
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
    }

    var pid: Int32 { process.processIdentifier }

    /// Everything the process wrote so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) {
        kill(pid, number)
    }

    /// Waits until the daemon has logged that it started and its watch is in place.
    func waitUntilServing(timeout: Duration = .seconds(30)) async throws {
        try await Poll.until("segmentd logs 'starting'", timeout: timeout) {
            self.log.contains("starting") || !self.process.isRunning
        }
        try #require(process.isRunning, "segmentd exited at start: \(log)")
        // The inotify watch is set up right after the start-up line.
        try await Task.sleep(for: .milliseconds(300))
    }

    /// Waits for the process to exit and returns its status (128 + signal number when a signal ended it).
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32 {
        try await Poll.until("segmentd exits", timeout: timeout) { !self.process.isRunning }
        if process.terminationReason == .uncaughtSignal { return 128 + process.terminationStatus }
        return process.terminationStatus
    }

    /// SIGKILL, then waits for the process to be gone.
    func killNine() async throws {
        signal(SIGKILL)
        try await waitForExit()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Polling with a deadline: the daemon is a separate process, so its progress is only visible on disk.
enum Poll {
    static func until(
        _ what: String, timeout: Duration, every interval: Duration = .milliseconds(50), _ condition: () throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            try #require(ContinuousClock.now < deadline, "timed out after \(timeout) waiting until \(what)")
            try await Task.sleep(for: interval)
        }
    }
}
