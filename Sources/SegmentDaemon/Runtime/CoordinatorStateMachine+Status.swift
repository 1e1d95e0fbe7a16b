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
