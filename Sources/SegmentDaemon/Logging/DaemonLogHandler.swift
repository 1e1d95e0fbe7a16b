package import Logging
import SegmentSupport
import Synchronization

/// A swift-log handler writing one line per record: readable text, or one JSON object per line.
///
/// JSON lines carry `ts`, `level`, `label`, `message` and every metadata key at the top level, numbers and booleans
/// as JSON numbers and booleans (metadata given as `.stringConvertible(120)`, `.stringConvertible(true)`), e.g.
///
///     {"ts":"2025-01-31T12:00:00.123Z","level":"info","label":"segmentd","message":"file scored","rows":120}
///
package struct DaemonLogHandler: LogHandler {
    /// Metadata added to every record of loggers using this handler.
    package var metadata: Logger.Metadata = [:]
    /// Records below this level are dropped.
    package var logLevel: Logger.Level = .info
    private let label: String
    private let format: DaemonConfiguration.LogFormat
    private let output: @Sendable (String) -> Void

    /// Makes a handler for `label` writing lines through `output` (standard error when nil).
    package init(label: String, format: DaemonConfiguration.LogFormat, output: (@Sendable (String) -> Void)? = nil) {
        self.label = label
        self.format = format
        self.output = output ?? StandardError.writeLine
    }

    /// One entry of ``metadata``.
    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one record as one line.
    package func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let timestamp = Timestamp.now()
        switch format {
        case .text:
            output(
                LogLine.text(
                    timestamp: timestamp, level: event.level, label: label, message: "\(event.message)",
                    metadata: merged))
        case .json:
            output(
                LogLine.json(
                    timestamp: timestamp, level: event.level, label: label, message: "\(event.message)",
                    metadata: merged))
        }
    }
}

/// Installs ``DaemonLogHandler`` for the whole process. Call once, before the first logger is made.
package enum DaemonLogging {
    /// Bootstraps swift-log with the daemon's handler in `format` at `level`.
    package static func bootstrap(format: DaemonConfiguration.LogFormat, level: Logger.Level = .info) {
        LoggingSystem.bootstrap { label in
            var handler = DaemonLogHandler(label: label, format: format)
            handler.logLevel = level
            return handler
        }
    }
}

/// Serialised whole-line writes to standard error, so lines from several threads never interleave.
enum StandardError {
    private static let lock = Mutex<Void>(())

    static func writeLine(_ line: String) {
        lock.withLock { _ in
            try? Syscall.writeAll(2, Array((line + "\n").utf8), path: "standard error")
        }
    }
}
