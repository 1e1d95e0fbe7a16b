import Foundation
import Logging
import MetricsTestKit
import ScoringHost
import SegmentDaemon
import ServiceLifecycle
import Synchronization
import Testing

@testable import SegmentHTTP

/// A ``ServerState`` whose status document takes `statusDelay` to build: a request that stays in progress.
struct SlowState: ServerState {
    var statusDelay: Duration = .zero
    /// Status documents begun: a request is in progress once this is above 0.
    let begun = Counter()

    final class Counter: Sendable {
        private let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func increment() { count.withLock { $0 += 1 } }
    }

    func currentHost() -> ScoringHost? { nil }
    func statusDocument() async -> [UInt8] {
        begun.increment()
        try? await Task.sleep(for: statusDelay)
        return Array(#"{"slow":true}"#.utf8)
    }
    func readinessProblems() async -> [String] { [] }
    func metricsExposition() async -> [UInt8] { Array("# nothing\n".utf8) }
    func reportHistory(for host: ScoringHost) async throws -> ReportHistory? { nil }
}

/// Log lines kept in memory, to read the bound address from the start-up line.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(lines: self) }
    }

    struct Handler: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            lines.append("\(event.level) \(event.message)")
        }
    }
}

/// An ``HTTPService`` run in this process inside its own `ServiceGroup`.
struct InProcessServer {
    let group: ServiceGroup
    let lines: LogLines

    init(http: HTTPConfiguration, state: any ServerState, metrics: TestMetrics = TestMetrics()) throws {
        lines = LogLines()
        let service = try HTTPService(
            configuration: http, state: state, logger: lines.logger, executor: BlockingExecutor(threads: 2),
            metricsFactory: metrics)
        group = ServiceGroup(services: [service], logger: lines.logger)
    }

    /// Waits for the start-up line and returns the bound port (long: the whole suite runs beside it).
    func port() async throws -> Int {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let line = lines.all.first(where: { $0.contains("listening on ") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                return port
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        Issue.record("no start-up line within 120 s: \(lines.all)")
        throw CancellationError()
    }
}

/// `curl` in a child process, awaited without blocking a thread of the cooperative pool (the server under test
/// runs its handlers there); the status code (0 when curl failed) and the body.
func curlStatus(_ url: String, arguments: [String] = []) async -> (status: Int, body: String) {
    let directory = FileManager.default.temporaryDirectory
    let bodyFile = directory.appendingPathComponent("curl-\(UUID().uuidString)").path
    let codeFile = directory.appendingPathComponent("curl-\(UUID().uuidString)").path
    defer {
        try? FileManager.default.removeItem(atPath: bodyFile)
        try? FileManager.default.removeItem(atPath: codeFile)
    }
    _ = FileManager.default.createFile(atPath: codeFile, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "-o", bodyFile, "-w", "%{http_code}", "--max-time", "60"] + arguments + [url]
    guard let output = FileHandle(forWritingAtPath: codeFile) else { return (0, "") }
    process.standardOutput = output
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        process.terminationHandler = { _ in continuation.resume() }
        if (try? process.run()) == nil {
            process.terminationHandler = nil
            continuation.resume()
        }
    }
    try? output.close()
    let code = (try? String(contentsOfFile: codeFile, encoding: .utf8)) ?? ""
    let body = (try? String(contentsOfFile: bodyFile, encoding: .utf8)) ?? ""
    return (Int(code) ?? 0, body)
}
