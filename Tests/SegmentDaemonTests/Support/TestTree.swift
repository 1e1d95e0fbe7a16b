import Foundation
@testable import SegmentDaemon
import SegmentdTestSupport

/// A fresh directory tree for one test: inbox, outbox and the daemon's var/ directories under a temporary root.
struct TestTree {
    let root: String
    var configuration: DaemonConfiguration

    init(workers: Int = 2) throws {
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-test-XXXXXX").path
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else { throw TestTreeError(message: "mkdtemp failed") }
        try self.init(root: String(cString: created), workers: workers)
    }

    /// The tree at `root`, created if needed; the same root always gives the same configuration.
    init(root: String, workers: Int) throws {
        self.root = root
        var configuration = DaemonConfiguration()
        configuration.inbox = root + "/inbox"
        configuration.outbox = root + "/outbox"
        configuration.workDirectory = root + "/var/work"
        configuration.archiveDirectory = root + "/var/archive"
        configuration.failedDirectory = root + "/var/failed"
        configuration.ledger = root + "/var/ledger.sqlite"
        configuration.lockFile = root + "/var/segmentd.lock"
        configuration.stateDirectory = root + "/var"
        configuration.model = root + "/var/model.json"
        configuration.workers = workers
        configuration.minAge = .zero
        configuration.minAgeRenamed = .zero
        configuration.reconcileInterval = .seconds(3600)
        configuration.drainTimeout = .seconds(5)
        configuration.outboxRetryInterval = .milliseconds(100)
        self.configuration = configuration
        for directory in [configuration.inbox, configuration.outbox] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try WorkRecovery.prepareDirectories(configuration)
    }

    var inbox: String { configuration.inbox }
    var outbox: String { configuration.outbox }
    var work: String { configuration.workDirectory }
    var archive: String { configuration.archiveDirectory }
    var failed: String { configuration.failedDirectory }

    /// Writes `text` as `inbox/name` directly (open, write, close).
    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).writeCloseOnExec(toFile: inbox + "/" + name)
    }

    /// Names in `directory`, sorted.
    func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Text of `directory/name`, or nil.
    func text(_ directory: String, _ name: String) -> String? {
        FileManager.default.contents(atPath: directory + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every file in the outbox with its bytes.
    func outboxContents() -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in names(in: outbox) {
            contents[name] = FileManager.default.contents(atPath: outbox + "/" + name)
        }
        return contents
    }

    /// Removes the whole tree, after handing its manifests to the schema check (``ManifestCollector``).
    func remove() {
        ManifestCollector.collect(outbox: outbox)
        try? FileManager.default.removeItem(atPath: root)
    }
}

extension Manifest {
    /// The manifest with `root` taken out of the paths and messages of a failed input, so manifests of two trees
    /// compare equal.
    func withoutRoot(_ root: String) -> Manifest {
        var copy = self
        copy.failure?.message = failure?.message.replacingOccurrences(of: root, with: "") ?? ""
        copy.failure?.movedTo = failure?.movedTo.replacingOccurrences(of: root, with: "") ?? ""
        copy.failure?.errorFile = failure?.errorFile.replacingOccurrences(of: root, with: "") ?? ""
        return copy
    }
}

struct TestTreeError: Error {
    let message: String
}
