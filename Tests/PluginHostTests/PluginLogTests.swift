import Foundation
import Logging
@testable import SegmentDaemon
@testable import segmentd
import SegmentPlugin
import Testing

/// Log records kept in memory, level and metadata included.
final class RecordedLog: @unchecked Sendable {
    struct Record {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let lock = NSLock()
    private var stored: [Record] = []

    var records: [Record] { lock.withLock { stored } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    private struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let record = Record(level: event.level, message: "\(event.message)", metadata: event.metadata ?? [:])
            log.lock.withLock { log.stored.append(record) }
        }
    }
}

/// Says hello through the host's log when it is built.
struct ChattyPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "chatty", version: "0.1", summary: "logs when built", sampleConfiguration: "")
    var outputSchema: [PluginOutputColumn] { [] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        context.log(.info, "hello from chatty")
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession { Session() }

    final class Session: PluginFileSession {
        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {}
        func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
            PluginFileReport(flags: [], metrics: [:])
        }
    }
}

@Suite("plugin log lines")
struct PluginLogTests {
    @Test("a plugin's message carries a plugin field with its name")
    func pluginField() throws {
        var tree = try PluginTree(plugins: ["chatty": "enabled = true\n"])
        tree.available = fakePlugins + [ChattyPlugin.self]
        let log = RecordedLog()

        _ = try HostFileProcessor(configuration: tree.configuration, available: tree.available, logger: log.logger)

        let record = try #require(log.records.first { $0.message.contains("hello from chatty") })
        #expect(record.metadata["plugin"]?.description == "chatty")
    }

    @Test("a flag a plugin raises on a file is logged at warning with the file, the plugin and the flag")
    func flagAtWarning() throws {
        let tree = try PluginTree(plugins: ["notes": "enabled = true\nflag = \"look_here\"\n"])
        let fixture = try ModelFixture.shared.get()
        try tree.drop("day1.csv", fixture.csv(rows: 10))
        let log = RecordedLog()
        let processor = try HostFileProcessor(
            configuration: tree.configuration, available: tree.available, logger: log.logger)
        let context = JobContext(
            configuration: tree.configuration, processor: processor,
            configurationHash: tree.configuration.outputHash(plugins: processor.pluginFingerprint),
            ledger: tree.ledger, outboxProbe: FileSystemOutboxProbe())

        let outcome = FileJob(context: context, source: .inbox(name: "day1.csv")).run()

        guard case .scored = outcome else {
            Issue.record("not scored: \(outcome)")
            return
        }
        let record = try #require(log.records.first { $0.message == "plugin flagged the file" })
        #expect(record.level == .warning)
        #expect(record.metadata["file"]?.description == "day1.csv")
        #expect(record.metadata["plugin"]?.description == "notes")
        #expect(record.metadata["flags"] == .array([.string("look_here")]))
    }

    @Test("the processor names its enabled plugins with version and order, and the model's creation time")
    func enabledPlugins() throws {
        let tree = try PluginTree(plugins: ["tag": "enabled = true\norder = 5\n", "notes": "enabled = true\n"])
        let processor = try tree.processor()
        #expect(processor.enabledPlugins.map(\.name) == ["tag", "notes"])
        #expect(processor.enabledPlugins.map(\.order) == [5, 100])
        #expect(processor.enabledPlugins.first?.version == "1.2.0")
        #expect(processor.modelCreatedAt?.isEmpty == false)
    }
}
