import SegmentSupport
/// Turning inbox events and scans into settling files, and settled files into ready ones.
extension JobCoordinator {
    /// Notes one inbox event. Overflow and a lost watch are handled by the caller with a scan.
    func handle(_ event: InboxEvent) {
        defer { wakeUp.signal() }
        switch event {
        case .closedAfterWrite(let name):
            beingWritten.remove(name)
            consider(name, minAge: configuration.minAge, restart: true)
        case .movedIn(let name):
            beingWritten.remove(name)
            consider(name, minAge: configuration.minAgeRenamed, restart: true)
        case .created(let name):
            guard InboxFilter.accepts(name) else { return }
            // A hard link appears complete, like a rename; a newly created file is still being written.
            // A file nobody has open for writing any more (a hard link whose other name is already gone) will
            // never be closed after writing, so it settles like a closed file.
            let path = Path.join(configuration.inbox, name)
            let status = try? Syscall.lstatIfPresent(path)
            if let status, status.kind != .regular || status.linkCount > 1 {
                consider(name, minAge: configuration.minAgeRenamed, restart: true)
            } else if status != nil, Syscall.isOpenForWriting(path) == false {
                consider(name, minAge: configuration.minAge, restart: true)
            } else {
                beingWritten.insert(name)
            }
        case .overflow, .watchLost, .watchRestored:
            // Close events may have been lost with the rest: nothing is known to be still written any more.
            beingWritten.removeAll()
            scanInbox()
        }
    }

    /// Lists the inbox and considers every acceptable name not already known (and not known to be still written).
    /// A file in the poll mode or found by a scan waits the closed-file `min_age`.
    func scanInbox() {
        defer { if !candidates.isEmpty { wakeUp.signal() } }
        let names: [String]
        do {
            names = try InboxScanner.candidateNames(in: configuration.inbox)
        } catch {
            logger.error("cannot scan the inbox", metadata: ["error": "\(error)"])
            return
        }
        let present = Set(names)
        beingWritten.formIntersection(present)
        unsupportedNamesLogged.formIntersection(present)
        // A close event can be missed (the writer was gone before the daemon looked); such a file is no longer
        // being written once nobody has it open for writing.
        for name in beingWritten where Syscall.isOpenForWriting(Path.join(configuration.inbox, name)) == false {
            beingWritten.remove(name)
        }
        for name in names where !beingWritten.contains(name) {
            consider(name, minAge: configuration.minAge, restart: false)
        }
    }

    /// Starts (or, with `restart`, restarts) the settling clock of `name`, unless it is already queued or in progress.
    /// A name without an input extension is left in the inbox and logged once (again only after it was gone).
    private func consider(_ name: String, minAge: Duration, restart: Bool) {
        guard InboxFilter.accepts(name), inFlight[name] == nil else { return }
        guard InboxFilter.hasInputExtension(name) else {
            if unsupportedNamesLogged.insert(name).inserted {
                logger.warning(
                    "file left in the inbox: not an input",
                    metadata: [
                        "file": "\(name)",
                        "reason": "only .csv, .jsonl or .ndjson names are taken; rename it to one of those to score it",
                    ])
            }
            return
        }
        guard !ready.contains(where: { $0.source == .inbox(name: name) }) else { return }
        if !restart, candidates[name] != nil { return }
        candidates[name] = SettlingFile(name: name, minAge: minAge, now: clock.now)
    }

    /// Looks at every settling file once and moves those that have settled to the ready queue.
    func settleCandidates() {
        guard !candidates.isEmpty else { return }
        let now = clock.now
        for name in candidates.keys.sorted() {
            guard var file = candidates[name] else { continue }
            let path = Path.join(configuration.inbox, name)
            let status = try? Syscall.lstatIfPresent(path)
            switch file.observe(status, now: now) {
            case .gone:
                candidates[name] = nil
            case .waiting:
                candidates[name] = file
            case .ready where status?.kind == .regular && Syscall.isOpenForWriting(path) == true:
                // Unchanged for min_age but still open for writing: the writer only paused.
                file.unchangedSince = now
                candidates[name] = file
            case .ready(let size):
                candidates[name] = nil
                ready.append(ReadyFile(source: .inbox(name: name), size: size, readySince: now))
            }
        }
    }
}
