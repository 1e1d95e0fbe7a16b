/// Inbox events and scans turned into settling files, and settled files into ready ones.
extension CoordinatorStateMachine {
    /// A look at a settling file that found it unchanged for `min_age`: it is ready unless a writer still has it
    /// open, which the coordinator checks next.
    struct WriterCheck: Sendable, Equatable {
        var name: String
        var status: FileStatus
    }

    /// What was found about a newly created inbox file (`IN_CREATE`).
    enum CreatedFile: Sendable, Equatable {
        /// Gone already, or a plain file someone may still be writing (or whose writers could not be told).
        case maybeBeingWritten
        /// Not a regular file, or a hard link: it appeared complete, like a rename.
        case appearedComplete
        /// A regular file nobody has open for writing any more (a hard link whose other name is already gone):
        /// it will never be closed after writing, so it settles like a closed file.
        case notOpenForWriting
    }

    /// A file was closed after writing; returns the name to log if it is not an input.
    mutating func closedAfterWrite(_ name: String) -> String? {
        beingWritten.remove(name)
        return consider(name, minAge: rules.minAge, restart: true)
    }

    /// A file was renamed into the inbox; returns the name to log if it is not an input.
    mutating func movedIn(_ name: String) -> String? {
        beingWritten.remove(name)
        return consider(name, minAge: rules.minAgeRenamed, restart: true)
    }

    /// A file was created in the inbox; returns the name to log if it is not an input.
    mutating func created(_ name: String, found: CreatedFile) -> String? {
        switch found {
        case .appearedComplete:
            return consider(name, minAge: rules.minAgeRenamed, restart: true)
        case .notOpenForWriting:
            return consider(name, minAge: rules.minAge, restart: true)
        case .maybeBeingWritten:
            beingWritten.insert(name)
            return nil
        }
    }

    /// Close events may have been lost (queue overflow, lost watch): nothing is known to be still written any more.
    mutating func forgetWriters() {
        beingWritten.removeAll()
    }

    /// A scan listed `names` (sorted); `noLongerWritten` are the names thought still written that nobody has open
    /// for writing any more (their close event was missed). Returns the names to log as not inputs.
    /// A file found by a scan (or in the poll mode) waits the closed-file `min_age`.
    mutating func scanned(_ names: [String], noLongerWritten: Set<String>) -> [String] {
        let present = Set(names)
        beingWritten.formIntersection(present)
        unsupportedNamesLogged.formIntersection(present)
        beingWritten.subtract(noLongerWritten)
        return names.filter { !beingWritten.contains($0) }.compactMap {
            consider($0, minAge: rules.minAge, restart: false)
        }
    }

    /// Starts (or, with `restart`, restarts) the settling clock of `name`, unless it is already queued or in progress.
    /// A name without an input extension is left in the inbox and returned to be logged once (again only after it
    /// was gone).
    private mutating func consider(_ name: String, minAge: Duration, restart: Bool) -> String? {
        guard InboxFilter.accepts(name), inFlight[name] == nil else { return nil }
        guard InboxFilter.hasInputExtension(name) else {
            return unsupportedNamesLogged.insert(name).inserted ? name : nil
        }
        guard !ready.contains(where: { $0.source == .inbox(name: name) }) else { return nil }
        if !restart, candidates[name] != nil { return nil }
        candidates[name] = SettlingFile(name: name, minAge: minAge, now: clock.now)
        return nil
    }

    /// The settling files to look at (`lstat`), in name order.
    var settlingNames: [String] { candidates.keys.sorted() }

    /// What looks at settling files found (nil: gone); returns the files unchanged for `min_age` whose writers the
    /// coordinator must check before they are ready. Other files that settled are ready at once (anything but a
    /// regular file is refused by its job, and waiting would not change that).
    mutating func looked(_ statuses: [(name: String, status: FileStatus?)]) -> [WriterCheck] {
        let now = clock.now
        var checks: [WriterCheck] = []
        for (name, status) in statuses {
            guard var file = candidates[name] else { continue }
            switch file.observe(status, now: now) {
            case .gone:
                candidates[name] = nil
            case .waiting:
                candidates[name] = file
            case .ready where status?.kind == .regular:
                candidates[name] = file
                if let status { checks.append(WriterCheck(name: name, status: status)) }
            case .ready(let size):
                candidates[name] = nil
                ready.append(ReadyFile(source: .inbox(name: name), size: size, readySince: now))
            }
        }
        return checks
    }

    /// Whether each checked file is still open for writing (nil: unknown). A file still open only paused its
    /// writer: its settling starts again. The others are ready. A file that changed since the look is left for the
    /// next one.
    mutating func checkedWriters(_ results: [(check: WriterCheck, openForWriting: Bool?)]) {
        let now = clock.now
        for (check, openForWriting) in results {
            guard var file = candidates[check.name], file.lastStatus == check.status else { continue }
            if openForWriting == true {
                file.unchangedSince = now
                candidates[check.name] = file
            } else {
                candidates[check.name] = nil
                ready.append(ReadyFile(source: .inbox(name: check.name), size: check.status.size, readySince: now))
            }
        }
    }
}
