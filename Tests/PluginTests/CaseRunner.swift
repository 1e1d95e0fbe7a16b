import Crypto
import Foundation
import PluginRegistry
import SegmentPlugin

/// Runs one testcase as `Tests/PluginTests/README.md` describes and collects every difference from what it
/// expects.
struct CaseRunner {
    /// The segment names of a case without `segments.txt`: the shipped archetypes in `etc/segments.toml` order.
    static let defaultSegmentNames = ["Big Tickets", "Medium Tickets", "Rare Purchasers", "Beginners", "Risk"]

    let testCase: PluginCase
    /// What differed, one message each; empty when the case passed.
    private(set) var problems: [String] = []

    init(_ testCase: PluginCase) {
        self.testCase = testCase
    }

    /// Builds the plugin from the case's settings and runs every step of the case with it.
    mutating func run() throws {
        guard let type = BuiltInPlugins.all.first(where: { $0.descriptor.name == testCase.plugin }) else {
            problems.append("no plugin in BuiltInPlugins.all is named \"\(testCase.plugin)\"")
            return
        }
        let segmentNames = testCase.text("segments.txt").map(Self.segmentNames) ?? Self.defaultSegmentNames
        let stateDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("plugin-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        let context = PluginContext(
            stateDirectory: stateDirectory.path, baseDirectory: testCase.directory.path,
            segmentNames: segmentNames)
        let sample = try PluginSettings.parse(
            type.descriptor.sampleConfiguration,
            source: "plugins/\(testCase.plugin)/sample.toml")
        let expectedError = testCase.text("error.txt")?.trimmingCharacters(in: .whitespacesAndNewlines)

        let plugin: any ActionPlugin
        do {
            let config = try PluginSettings.parse(
                testCase.text("config.toml") ?? "",
                source: "\(testCase.label)/config.toml")
            plugin = try type.configured(settings: sample.overlaid(by: config), context: context)
        } catch {
            if let expectedError {
                if !error.description.contains(expectedError) {
                    problems.append(
                        "the settings were rejected with \"\(error)\", which does not contain "
                            + "error.txt's \"\(expectedError)\"")
                }
            } else {
                problems.append("building the plugin failed: \(error)")
            }
            return
        }
        if let expectedError {
            problems.append("the settings were accepted; error.txt expects an error containing \"\(expectedError)\"")
            return
        }
        for (label, directory) in testCase.runDirectories() {
            try runSession(plugin, label: label, directory: directory, segmentNames: segmentNames)
        }
    }

    /// One file through one session: `input.csv` in, compared with `expected.csv`, `artifacts/`, `report.toml`.
    private mutating func runSession(
        _ plugin: any ActionPlugin, label: String, directory: URL,
        segmentNames: [String]
    ) throws {
        let options = try CaseRunOptions(directory: directory, label: label)
        let inputBytes = try Data(contentsOf: directory.appendingPathComponent("input.csv"))
        let input = try CaseInput(
            text: String(decoding: inputBytes, as: UTF8.self), file: "\(label)/input.csv",
            segmentNames: segmentNames)
        let sha256 = options.sha256 ?? SHA256.hash(data: inputBytes).map { String(format: "%02x", $0) }.joined()
        let file = PluginFile(
            name: options.fileName, sha256: sha256, modelVersion: options.modelVersion,
            isTrial: options.trial)
        let session: any PluginFileSession
        do {
            session = try plugin.openSession(for: file)
        } catch {
            problems.append("\(label): openSession failed: \(error)")
            return
        }
        var rows: [[String]] = []
        for batch in input.batches(
            size: options.batchSize, segmentNames: segmentNames,
            withInputs: plugin.needsInputValues)
        {
            var columns = PluginColumns(columnCount: plugin.outputColumns.count, rowCount: batch.count)
            do {
                try session.process(batch, into: &columns)
                rows += Self.render(columns, declared: plugin.outputSchema)
            } catch {
                let empty = Array(repeating: "", count: plugin.outputColumns.count)
                rows += Array(repeating: empty + [error.description], count: batch.count)
            }
        }
        let artifacts = MemoryArtifactWriter()
        var report: PluginFileReport?
        if options.cancel {
            session.cancel()
        } else {
            do {
                report = try session.finish(artifacts: artifacts)
            } catch {
                problems.append("\(label): finish failed: \(error)")
            }
        }
        let expectations = CaseExpectations(label: label, directory: directory)
        problems += try expectations.compareRows(rows, lines: input.lines, columns: plugin.outputColumns)
        problems += try expectations.compareArtifacts(artifacts)
        problems += try expectations.compareReport(report)
    }

    /// Each row's rendered output values, by the declared column types, and rejection reason (values left empty
    /// for a rejected row). A value that does not fit its declared column fails the row, as the host fails it.
    private static func render(_ columns: PluginColumns, declared: [PluginOutputColumn]) -> [[String]] {
        (0..<columns.rowCount).map { row in
            let empty = Array(repeating: "", count: columns.columnCount)
            if let reason = columns.failures[row] { return empty + [reason] }
            for (index, column) in declared.enumerated() {
                if let problem = column.problem(with: columns[row, index]) { return empty + [problem] }
            }
            return (0..<columns.columnCount).map { CaseCSV.render(columns[row, $0], type: declared[$0].type) } + [""]
        }
    }

    /// One name per line; blank lines at the end are ignored.
    private static func segmentNames(_ text: String) -> [String] {
        var names = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        while names.last?.isEmpty == true { names.removeLast() }
        return names
    }
}
