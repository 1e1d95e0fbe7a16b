extension CoordinatorStateMachine {
    /// The line systemd shows for the daemon (`STATUS=`, the last one in `systemctl status`): what this run did
    /// (files scored, duplicates, failed), what is left (files pending: settling or waiting in the inbox, or parked
    /// for a retry; files in progress) and whether files are taken, e.g.
    /// `scored 12, duplicates 0, failed 1; pending 3, in progress 2; taking files`.
    var statusLine: String {
        let intake: String
        switch state {
        case .recovering: intake = "recovering files left in the work directory"
        case .running: intake = "taking files"
        case .paused: intake = "paused: the outbox cannot be written"
        case .draining: intake = "stopping"
        }
        let pending = candidates.count + ready.count + parked.count
        return "scored \(tally["scored", default: 0]), duplicates \(tally["duplicate", default: 0]), "
            + "failed \(tally["failed", default: 0]); pending \(pending), in progress \(inFlight.count); \(intake)"
    }
}

/// The status document's and the readiness check's view of the state (``DaemonHandle``).
extension CoordinatorStateMachine {
    /// Inbox files known and not taken yet: settling, or settled and waiting for a worker.
    var inboxPending: Int { candidates.count + ready.count(where: { !$0.source.isWork }) }

    /// Work-directory files waiting for a worker: recovered at start, or deferred and waiting for their retry.
    var inWork: Int { ready.count(where: \.source.isWork) + parked.count }

    /// Why intake takes no files, one sentence each (empty while it takes them): the outbox probe's answer that
    /// paused it, or the shutdown.
    var pauseReasons: [String] {
        switch state {
        case .paused(let problem):
            [
                "Intake is paused because the outbox cannot take output (\(problem)); free space in the outbox "
                    + "(at least min_free_bytes) or make it writable, and files are taken again within "
                    + "outbox_retry_interval."
            ]
        case .draining:
            [
                "Intake has stopped because the daemon is shutting down (SIGTERM or SIGINT); it only finishes the "
                    + "files in progress."
            ]
        case .recovering, .running:
            []
        }
    }

    /// Why the daemon is not ready to serve (empty: ready), one sentence each saying what and how to fix it.
    func readinessProblems(modelVersion: String) -> [String] {
        var problems: [String] = []
        if !recoveryFinished {
            problems.append(
                "Recovery is not finished: \(recoveryPending.count) file(s) an earlier run left in the work "
                    + "directory are still being processed first; wait for them (the log line 'starting' says how many "
                    + "were recovered).")
        }
        if modelVersion.isEmpty {
            problems.append(
                "No model is loaded; train one with 'segmentd train' and point model in the configuration at it, "
                    + "then reload (SIGHUP).")
        }
        return problems + pauseReasons
    }

    /// The status snapshot now, with what the coordinator's context adds: the processor new jobs start with and
    /// the configuration hash their manifests carry.
    func status(processor: any FileProcessor, configurationHash: String) -> DaemonStatus {
        let now = clock.now
        let wallClockNow = history.wallClock(at: now)
        let createdAt = processor.modelCreatedAt
        return DaemonStatus(
            inboxPending: inboxPending, inWork: inWork, inFlight: inFlight.count, paused: !pauseReasons.isEmpty,
            pauseReasons: pauseReasons,
            recentFiles: history.recent.reversed().map { entry in
                DaemonStatus.File(
                    name: entry.name, outcome: entry.outcome, durationSeconds: DaemonStatus.seconds(entry.duration),
                    finishedAt: DaemonStatus.timestamp(history.wallClock(at: entry.finishedAt)),
                    rowsScored: entry.rowsScored, rowsRejected: entry.rowsRejected)
            },
            startedAt: DaemonStatus.timestamp(history.wallClockAtStart),
            uptimeSeconds: DaemonStatus.seconds(history.startedAt.duration(to: now)),
            configSHA256: configurationHash, plugins: processor.enabledPlugins.map(\.name),
            modelVersion: processor.modelVersion, modelCreatedAt: createdAt,
            modelAgeSeconds: createdAt.flatMap { StartupLine.modelAgeSeconds(createdAt: $0, now: wallClockNow) })
    }
}
