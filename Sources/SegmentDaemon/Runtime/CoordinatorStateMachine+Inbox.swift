import SegmentSupport

/// Inbox events and scans turned into settling files, and settled files into ready ones.
extension CoordinatorStateMachine {
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

    /// What one look at a settling file found, made at a given instant from a copy of the file's state.
    struct Look: Sendable, Equatable {
        /// The settling file as it was when looked at; a look at a file changed since (restarted) is not used.
        var file: SettlingFile<C.Instant>
        /// What `lstat` said; nil: the file is gone.
        var status: FileStatus?
        /// Whether a writer still has it open, asked only when the look finds it settled (nil: not asked or
        /// unknown).
        var openForWriting: Bool?

        /// Looks at `file` at `now`: `lstat` first, then (for a regular file unchanged for its `min_age`) whether
        /// somebody still has it open for writing. Runs on the executor: both calls block.
        static func take(
            of file: SettlingFile<C.Instant>, at now: C.Instant, lstat: () -> FileStatus?,
            isOpenForWriting: () -> Bool?
        ) -> Look {
            let status = lstat()
            var copy = file
            guard case .ready = copy.observe(status, now: now), status?.kind == .regular else {
                return Look(file: file, status: status)
            }
            return Look(file: file, status: status, openForWriting: isOpenForWriting())
        }
    }

    /// Applies looks taken at `now` at the settling files, in name order: a file unchanged for `min_age` is ready
    /// unless a writer still has it open (then it only paused: its settling starts again). Anything but a regular
    /// file is ready at once: its job refuses it, and waiting would not change that.
    mutating func looked(_ looks: [Look], at now: C.Instant) {
        for look in looks {
            let name = look.file.name
            guard var file = candidates[name], file == look.file else { continue }
            switch file.observe(look.status, now: now) {
            case .gone:
                candidates[name] = nil
            case .waiting:
                candidates[name] = file
            case .ready where look.status?.kind == .regular && look.openForWriting == true:
                file.unchangedSince = now
                candidates[name] = file
            case .ready(let size):
                candidates[name] = nil
                ready.append(ReadyFile(source: .inbox(name: name), size: size, readySince: now))
            }
        }
    }
}
