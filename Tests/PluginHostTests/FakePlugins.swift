import Foundation
import SegmentPlugin
import Synchronization

/// Records what the fake plugins' sessions saw, per test (keyed by the file name the session was opened for).
final class SessionJournal: @unchecked Sendable {
    static let shared = SessionJournal()
    private let lock = NSLock()
    private var events: [String: [String]] = [:]

    func note(_ file: String, _ event: String) {
        lock.lock()
        events[file, default: []].append(event)
        lock.unlock()
    }

    func events(for file: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return events[file] ?? []
    }
}

/// Adds `tag` (its `prefix` setting + the segment name) and `line` (the row's line in the input).
struct TagPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "tag", version: "1.2.0", summary: "tags each row with its segment name",
        sampleConfiguration: "# the text put before the segment name\nprefix = \"seg-\"\n")
    let prefix: String
    var outputSchema: [PluginOutputColumn] { [.init("tag", .string), .init("line", .integer)] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        prefix = try settings.requiredString("prefix")
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        Session(prefix: prefix, file: file)
    }

    final class Session: PluginFileSession {
        let prefix: String
        let file: PluginFile
        init(prefix: String, file: PluginFile) {
            self.prefix = prefix
            self.file = file
            SessionJournal.shared.note(
                file.name, "tag open trial=\(file.isTrial) sha=\((file.sha256 ?? "later").prefix(8))")
        }

        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
            for row in 0..<batch.count {
                output[row, 0] = .text(prefix + batch.segmentName(at: row))
                output[row, 1] = .integer(batch.lines[row])
            }
        }

        func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
            SessionJournal.shared.note(file.name, "tag finish")
            return PluginFileReport()
        }

        func cancel() { SessionJournal.shared.note(file.name, "tag cancel") }
    }
}

/// Fails every row whose customer id ends with one of `reject_suffixes`; adds `checked` (true) and `score`
/// (the confidence times two).
struct PickyPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "picky", version: "0.1.0", summary: "fails some rows",
        sampleConfiguration: "reject_suffixes = [\"7\"]\n")
    let suffixes: [String]
    var outputSchema: [PluginOutputColumn] { [.init("checked", .boolean), .init("score", .float)] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        suffixes = try settings.strings("reject_suffixes") ?? []
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        Session(suffixes: suffixes, file: file)
    }

    final class Session: PluginFileSession {
        let suffixes: [String]
        let file: PluginFile
        init(suffixes: [String], file: PluginFile) {
            self.suffixes = suffixes
            self.file = file
        }

        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
            for row in 0..<batch.count {
                if suffixes.contains(where: { batch.customerIDs[row].hasSuffix($0) }) {
                    output.fail(row: row, reason: "customer \(batch.customerIDs[row]) is on the block list")
                } else {
                    output[row, 0] = .flag(true)
                    output[row, 1] = .number(batch.confidences[row] * 2)
                }
            }
        }

        func cancel() { SessionJournal.shared.note(file.name, "picky cancel") }
    }
}

/// Throws on every batch; adds `never`.
struct ThrowingPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "thrower", version: "9", summary: "always throws", sampleConfiguration: "")
    var outputSchema: [PluginOutputColumn] { [.init("never", .string)] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession { Session() }

    final class Session: PluginFileSession {
        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
            throw PluginError(.processingFailed, source: "thrower", problem: "the child died", fix: "restart it")
        }
    }
}

/// Writes `<stem>.notes.jsonl` (one line per row: id and segment) and reports the row count; adds `noted`.
struct NotesPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "notes", version: "2.0", summary: "writes an artifact",
        sampleConfiguration: "flag = \"noted\"\n")
    let flag: String
    var outputSchema: [PluginOutputColumn] { [.init("noted", .string, nullable: true)] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        flag = try settings.requiredString("flag")
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession { Session(flag: flag) }

    final class Session: PluginFileSession {
        let flag: String
        var lines: [String] = []
        init(flag: String) { self.flag = flag }

        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
            for row in 0..<batch.count {
                lines.append("{\"id\":\"\(batch.customerIDs[row])\",\"segment\":\(batch.segmentIDs[row])}")
                output[row, 0] = .missing
            }
        }

        func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
            for line in lines { try artifacts.appendLine(line, to: "notes.jsonl") }
            return PluginFileReport(flags: [flag], metrics: ["rows": Double(lines.count)])
        }
    }
}

/// Adds a column the tag plugin adds too, and one the scorer writes.
struct ClashPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(name: "clash", version: "1", summary: "clashes", sampleConfiguration: "")
    var outputSchema: [PluginOutputColumn] { [.init("tag", .string), .init("confidence", .float)] }
    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {}
    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession { ThrowingPlugin.Session() }
}

/// Keeps state by content, as the migration monitor does: remembers every digest it finished, and adds `seen`:
/// "again" on every row of content it finished before, "first" otherwise. Content it finished before must be
/// known from the start, so `identify` asks for the digest first when it was opened without it.
struct ReplayPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "replay", version: "1", summary: "keys state by content",
        sampleConfiguration: "")
    /// Finished digests by state directory, so that tests do not share them.
    static let finished = Mutex<[String: Set<String>]>([:])
    let stateDirectory: String
    var outputSchema: [PluginOutputColumn] { [.init("seen", .string)] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        stateDirectory = context.stateDirectory
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        SessionJournal.shared.note(file.name, "replay open sha=\(file.sha256 == nil ? "later" : "known")")
        return Session(
            file: file, stateDirectory: stateDirectory,
            again: file.sha256.map { Self.hasFinished($0, in: stateDirectory) } ?? false)
    }

    static func hasFinished(_ sha256: String, in stateDirectory: String) -> Bool {
        finished.withLock { $0[stateDirectory, default: []].contains(sha256) }
    }

    final class Session: PluginFileSession {
        let file: PluginFile
        let stateDirectory: String
        let again: Bool
        var sha256: String?
        init(file: PluginFile, stateDirectory: String, again: Bool) {
            self.file = file
            self.stateDirectory = stateDirectory
            self.again = again
            sha256 = file.sha256
        }

        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
            for row in 0..<batch.count { output[row, 0] = .text(again ? "again" : "first") }
        }

        func identify(sha256: String) throws(PluginError) -> ContentIdentification {
            SessionJournal.shared.note(file.name, "replay identify")
            if ReplayPlugin.hasFinished(sha256, in: stateDirectory) { return .needsContentFirst }
            self.sha256 = sha256
            return .ready
        }

        func finish(artifacts: any PluginArtifactWriter) throws(PluginError) -> PluginFileReport {
            if let sha256 { _ = ReplayPlugin.finished.withLock { $0[stateDirectory, default: []].insert(sha256) } }
            return PluginFileReport()
        }

        func cancel() { SessionJournal.shared.note(file.name, "replay cancel") }
    }
}

/// Every fake plugin, as a registry would list them.
let fakePlugins: [any ActionPlugin.Type] = [TagPlugin.self, PickyPlugin.self, ThrowingPlugin.self, NotesPlugin.self]

/// Adds `ptag`, what `tag` adds with its default prefix, through a palette indexed by segment id; a row whose
/// customer id ends with `blank_suffix` gets an index past the palette (read as missing).
struct PaletteTagPlugin: ActionPlugin {
    static let descriptor = PluginDescriptor(
        name: "ptag", version: "1.0.0", summary: "tags each row with its segment name, by palette",
        sampleConfiguration: "blank_suffix = \"\"\n")
    let blankSuffix: String
    var outputSchema: [PluginOutputColumn] { [.init("ptag", .string, nullable: true)] }

    init(settings: PluginSettings, context: PluginContext) throws(PluginError) {
        blankSuffix = try settings.requiredString("blank_suffix")
    }

    func openSession(for file: PluginFile) throws(PluginError) -> any PluginFileSession {
        Session(blankSuffix: blankSuffix)
    }

    final class Session: PluginFileSession {
        let blankSuffix: String
        init(blankSuffix: String) { self.blankSuffix = blankSuffix }

        func process(_ batch: ScoredBatch, into output: inout PluginColumns) throws(PluginError) {
            output.usePalette(batch.segmentNames.map { .text("seg-" + $0) }, for: 0)
            for row in 0..<batch.count {
                let blank = !blankSuffix.isEmpty && batch.customerIDs[row].hasSuffix(blankSuffix)
                output.setPaletteIndex(blank ? batch.segmentNames.count : batch.segmentIDs[row], row: row, column: 0)
            }
        }
    }
}
