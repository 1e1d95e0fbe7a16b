import Logging
@testable import SegmentDaemon

/// Runs single file jobs against a ``TestTree`` without the services around them.
struct JobHarness {
    let tree: TestTree
    let ledger: Ledger
    var processor: any FileProcessor = FakeProcessor()
    var probe: any OutboxHealthProbe = FileSystemOutboxProbe()

    init(tree: TestTree) throws {
        self.tree = tree
        ledger = try Ledger(path: tree.configuration.ledger)
    }

    func context(stopAfter step: JobStep? = nil) -> JobContext {
        var context = JobContext(
            configuration: tree.configuration, processor: processor,
            configurationHash: tree.configuration.outputHash,
            ledger: ledger, outboxProbe: probe
        )
        if let step {
            context.stepObserver = { reached in
                if reached == step { throw SimulatedCrash() }
            }
        }
        return context
    }

    /// Runs the job for `inbox/name`.
    func run(_ name: String, stopAfter step: JobStep? = nil) -> JobOutcome {
        FileJob(context: context(stopAfter: step), source: .inbox(name: name)).run()
    }

    /// What a restart does: recovery, then every file left in the work directory processed again.
    func restart() throws -> [JobOutcome] {
        try WorkRecovery.prepare(configuration: tree.configuration, ledger: ledger).map { name in
            FileJob(context: context(), source: .work(name: name)).run()
        }
    }
}

struct SimulatedCrash: Error {}

extension Logger {
    /// A logger that drops everything, for tests that do not look at logs.
    static var quiet: Logger { Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }) }
}
