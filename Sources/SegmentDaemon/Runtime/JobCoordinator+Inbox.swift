import SegmentSupport
import Logging

/// Inbox events and scans: the coordinator looks at the files on the executor and lets its state machine decide.
extension JobCoordinator {
    /// Notes one inbox event. Overflow and a lost watch are handled by the caller with a scan.
    func handle(_ event: InboxEvent) async {
        defer { wakeUp.signal() }
        switch event {
        case .closedAfterWrite(let name):
            logUnsupported(machine.closedAfterWrite(name))
        case .movedIn(let name):
            logUnsupported(machine.movedIn(name))
        case .created(let name):
            guard InboxFilter.accepts(name) else { return }
            // A hard link appears complete, like a rename; a newly created file is still being written.
            // The daemon asks the kernel whether anybody still has it open for writing.
            let path = Path.join(configuration.inbox, name)
            let found = try? await executor.run { Self.look(atCreated: path) }
            logUnsupported(machine.created(name, found: found ?? .maybeBeingWritten))
        case .overflow, .watchLost, .watchRestored:
            machine.forgetWriters()
            await scanInbox()
        }
    }

    /// Lists the inbox and considers every acceptable name not already known (and not known to be still written).
    /// A file in the poll mode or found by a scan waits the closed-file `min_age`.
    func scanInbox() async {
        defer { if !machine.candidates.isEmpty { wakeUp.signal() } }
        let inbox = configuration.inbox
        let beingWritten = machine.beingWritten
        let scan: (names: [String], noLongerWritten: Set<String>)
        do {
            scan = try await executor.run {
                let names = try InboxScanner.candidateNames(in: inbox)
                // A close event can be missed (the writer was gone before the daemon looked); such a file is no
                // longer being written once nobody has it open for writing.
                let present = Set(names)
                let closed = beingWritten.filter {
                    present.contains($0) && Syscall.isOpenForWriting(Path.join(inbox, $0)) == false
                }
                return (names, closed)
            }
        } catch is CancellationError {
            return
        } catch {
            logger.error("cannot scan the inbox", metadata: ["error": "\(error)"])
            return
        }
        for name in machine.scanned(scan.names, noLongerWritten: scan.noLongerWritten) {
            logUnsupported(name)
        }
    }

    /// Looks at every settling file once (`lstat`, then `open` for those unchanged for `min_age`), in one trip to
    /// the executor, and lets the state machine move those that have settled to the ready queue.
    func settleCandidates() async {
        let candidates = machine.candidates
        guard !candidates.isEmpty else { return }
        let now = machine.clock.now
        let inbox = configuration.inbox
        let looks = try? await executor.run {
            candidates.keys.sorted().compactMap { name in
                candidates[name].map { file in
                    let path = Path.join(inbox, name)
                    return CoordinatorStateMachine<ContinuousClock>.Look.take(
                        of: file, at: now, lstat: { try? Syscall.lstatIfPresent(path) },
                        isOpenForWriting: { Syscall.isOpenForWriting(path) })
                }
            }
        }
        if let looks { machine.looked(looks, at: now) }
    }

    /// What `lstat` and a lease attempt say about a file just created in the inbox.
    private nonisolated static func look(
        atCreated path: String
    ) -> CoordinatorStateMachine<ContinuousClock>.CreatedFile {
        guard let status = try? Syscall.lstatIfPresent(path) else { return .maybeBeingWritten }
        if status.kind != .regular || status.linkCount > 1 { return .appearedComplete }
        return Syscall.isOpenForWriting(path) == false ? .notOpenForWriting : .maybeBeingWritten
    }

    /// Logs, once while it stays, a name left in the inbox because it is not an input.
    private func logUnsupported(_ name: String?) {
        guard let name else { return }
        logger.warning(
            "file left in the inbox: not an input",
            metadata: [
                "file": "\(name)",
                "reason": "only .csv, .jsonl or .ndjson names are taken; rename it to one of those to score it",
            ])
    }
}
