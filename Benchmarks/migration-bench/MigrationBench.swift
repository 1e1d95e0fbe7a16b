import Foundation
import MigrationPlugin
import SegmentPlugin

/// Measures the migration plugin through its public API: ns/row for 1M-row files against an empty and a
/// 5M-customer history (process and commit separately), then, after a restart, the open time, the rows/s of a file
/// of known customers and the peak resident memory, each beside the target of issue 19 (for 10M customers).
/// Usage: `[MIGRATION_BENCH_KEEP=dir] swift run -c release migration-bench [customers=5000000] [rows=1000000]
/// [batch=8192] [memory_budget]` (`memory_budget` in bytes; default: the sample's, 256 MiB).
@main
struct MigrationBench {
    static let segmentNames = ["Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]

    static func main() throws {
        if CommandLine.arguments.dropFirst().first == "--reopen" { return try reopen() }
        let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let customers = arguments.first ?? 5_000_000
        let rows = arguments.dropFirst().first ?? 1_000_000
        let batchSize = arguments.dropFirst(2).first ?? 8192
        let budget = arguments.dropFirst(3).first
        // MIGRATION_BENCH_KEEP=dir keeps the history in dir (e.g. to run the daemon on it afterwards).
        let kept = ProcessInfo.processInfo.environment["MIGRATION_BENCH_KEEP"]
        let directory =
            kept
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("migration-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: directory) } }
        print("migration-bench: \(rows) rows per file, batches of \(batchSize), history up to \(customers) customers")
        print("memory_budget: \(budget.map { "\($0) bytes" } ?? "the sample's (256 MiB)")")
        print("targets (issue 19, at 10M known customers): reopen <= 2 s, >= 1M rows/s, daemon peak RSS <= 300 MB")
        let bench = Bench(directory: directory, batchSize: batchSize, budget: budget, fileNumber: 0)
        let plugin = try bench.plugin()
        try bench.run(plugin, label: "1M new customers, empty history", first: 0, count: rows, shift: 0)
        var loaded = rows
        while loaded < customers {
            let count = min(rows, customers - loaded)
            try bench.run(plugin, label: "load \(loaded + count) customers", first: loaded, count: count, shift: 0)
            loaded += count
        }
        for round in 1...3 {
            try bench.run(
                plugin, label: "known of \(customers), 10% moved #\(round)", first: customers / (2 + round),
                count: rows, shift: 10)
        }
        // The restart runs in a new process, so that its memory is measured alone.
        fflush(nil)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--reopen", directory, "\(customers)", "\(rows)", "\(batchSize)", "\(budget ?? 0)"]
        try child.run()
        child.waitUntilExit()
        let size =
            (try? FileManager.default.attributesOfItem(atPath: "\(directory)/migration.sqlite")[.size] as? Int) ?? 0
        print("database size \(size / 1_000_000) MB")
    }

    /// The restarted process: opens the history in `directory`, then runs one file of known customers, printing
    /// the open time, rows/s and this process's peak resident memory beside their targets.
    static func reopen() throws {
        let arguments = Array(CommandLine.arguments.dropFirst(2))
        let directory = arguments[0]
        let numbers = arguments.dropFirst().compactMap { Int($0) }
        let (customers, rows, batchSize) = (numbers[0], numbers[1], numbers[2])
        let bench = Bench(
            directory: directory, batchSize: batchSize, budget: numbers[3] > 0 ? numbers[3] : nil, fileNumber: 1000)
        let batches = makeBatches(first: 0, count: rows, shift: 10, batchSize: batchSize)
        let residentBefore = residentBytes()
        let plugin = try bench.plugin()
        let opened = Clocks.now()
        _ = try plugin.openSession(
            for: PluginFile(name: "open.csv", sha256: "open", modelVersion: "bench", isTrial: true))
        let openSeconds = Clocks.now().wall - opened.wall
        let residentAfter = residentBytes()
        print(
            String(
                format: "reopen with %d customers: %.2f s wall (target <= 2 s at 10M); resident memory +%.1f "
                    + "bytes/customer", customers, openSeconds,
                Double(residentAfter - residentBefore) / Double(customers)))
        let seconds = try bench.run(
            plugin, label: "after reopen: known, 10% moved", first: 0, count: rows, shift: 10, batches: batches)
        print(
            String(
                format: "after reopen: %.2f M rows/s for a file of known customers, process + finish (target >= 1)",
                Double(rows) / seconds / 1e6))
        print(
            String(
                format: "peak RSS of the restarted process: %.0f MB (target <= 300 MB for the daemon at 10M), of "
                    + "which %.0f MB before the history was opened (runtime and the file's ready-made batches)",
                Double(peakResidentBytes()) / 1e6, Double(residentBefore) / 1e6))
    }
}

/// Runs files through the plugin with a temporary state directory.
final class Bench {
    let directory: String
    let batchSize: Int
    let budget: Int?
    var fileNumber: Int

    init(directory: String, batchSize: Int, budget: Int?, fileNumber: Int) {
        self.directory = directory
        self.batchSize = batchSize
        self.budget = budget
        self.fileNumber = fileNumber
    }

    /// The plugin with the sample's settings and `budget`, if given, as `memory_budget`.
    func plugin() throws -> MigrationPlugin {
        let context = PluginContext(
            stateDirectory: directory, baseDirectory: directory, segmentNames: MigrationBench.segmentNames)
        let sample = try PluginSettings.parse(MigrationPlugin.descriptor.sampleConfiguration, source: "sample.toml")
        let overrides = try PluginSettings.parse(budget.map { "memory_budget = \($0)" } ?? "", source: "arguments")
        return try MigrationPlugin(settings: sample.overlaid(by: overrides), context: context)
    }

    /// Runs one file of customers `first..<first+count` (or `batches`); returns the wall seconds of processing
    /// and finishing it.
    @discardableResult
    func run(
        _ plugin: MigrationPlugin, label: String, first: Int, count: Int, shift: Int, batches: [ScoredBatch]? = nil
    ) throws -> Double {
        fileNumber += 1
        let file = PluginFile(
            name: "bench-\(fileNumber).csv", sha256: String(format: "%064x", fileNumber),
            modelVersion: "bench", isTrial: false)
        let batches =
            batches ?? MigrationBench.makeBatches(first: first, count: count, shift: shift, batchSize: batchSize)
        var outputs = batches.map { PluginColumns(columnCount: 2, rowCount: $0.count) }
        let opened = Clocks.now()
        let session = try plugin.openSession(for: file)
        let started = Clocks.now()
        for (number, batch) in batches.enumerated() {
            try session.process(batch, into: &outputs[number])
        }
        let processed = Clocks.now()
        let writer = CountingWriter()
        let report = try session.finish(artifacts: writer)
        let finished = Clocks.now()
        let perRow = { (from: Clocks, to: Clocks) in (to.cpu - from.cpu) / Double(count) * 1e9 }
        let wallPerRow = { (from: Clocks, to: Clocks) in (to.wall - from.wall) / Double(count) * 1e9 }
        print(
            String(
                format:
                    "%-36@ open %5.2f s | CPU ns/row: process %5.0f finish %5.0f total %5.0f | wall "
                    + "ns/row: total %5.0f | %d moves, %.0f new | RSS %.0f MB",
                label as NSString, started.wall - opened.wall, perRow(started, processed),
                perRow(processed, finished), perRow(started, finished), wallPerRow(started, finished),
                writer.lines, report.metrics["new"] ?? 0, Double(residentBytes()) / 1e6))
        return finished.wall - started.wall
    }
}

extension MigrationBench {
    /// Batches for customers `first..<first+count` (ids `S` + 9 digits); every `shift`-th row (0 = none) gets a
    /// different segment than the customer's base segment.
    static func makeBatches(first: Int, count: Int, shift: Int, batchSize: Int) -> [ScoredBatch] {
        var batches: [ScoredBatch] = []
        var start = 0
        while start < count {
            let end = min(count, start + batchSize)
            var ids: [String] = []
            var segments: [Int] = []
            for row in start..<end {
                let customer = first + row
                ids.append("S" + String(1_000_000_000 + customer).dropFirst())
                let moved = shift > 0 && customer % shift == 0
                segments.append((customer % 5 + (moved ? 1 + row % 4 : 0)) % 5)
            }
            let rowCount = end - start
            batches.append(
                ScoredBatch(
                    lines: Array((start + 2)..<(end + 2)), customerIDs: ids, segmentIDs: segments,
                    confidences: Array(repeating: 0.5, count: rowCount),
                    distances: Array(repeating: 1, count: rowCount),
                    segmentNames: segmentNames))
            start = end
        }
        return batches
    }
}

/// Resident set size of this process, from /proc/self/statm.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// Peak resident set size of this process (`VmHWM`), from /proc/self/status.
func peakResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 1024 : 0
    }
    return 0
}

/// Wall-clock time and this thread's CPU time, in seconds.
struct Clocks {
    var wall: Double
    var cpu: Double

    static func now() -> Clocks {
        var wall = timespec()
        var cpu = timespec()
        clock_gettime(CLOCK_MONOTONIC, &wall)
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu)
        return Clocks(
            wall: Double(wall.tv_sec) + Double(wall.tv_nsec) / 1e9, cpu: Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9)
    }
}

/// Counts artifact lines without keeping them.
final class CountingWriter: PluginArtifactWriter {
    private(set) var lines = 0
    func appendLine(_ line: String, to suffix: String) throws(PluginError) { lines += 1 }
}
