import SegmentSupport
/// What a start finds in the work directory, and the repairs done before anything else runs.
enum WorkRecovery {
    /// Completes claims interrupted between `link` and `unlink` (the same file still named in the inbox),
    /// brings the ledger in line with the work directory, and returns the names of the files to process again.
    static func prepare(configuration: DaemonConfiguration, ledger: Ledger) throws(DaemonError) -> [String] {
        let names: [String]
        do {
            names = try Syscall.directoryEntries(configuration.workDirectory).sorted()
        } catch {
            throw DaemonError.fileSystem(error, doing: "list the work directory")
        }
        var identities: Set<FileIdentity> = []
        for name in names {
            do {
                let work = try Syscall.lstat(Path.join(configuration.workDirectory, name))
                identities.insert(work.identity)
                let inboxPath = Path.join(configuration.inbox, name)
                if let inbox = try Syscall.lstatIfPresent(inboxPath), inbox.identity == work.identity {
                    try Syscall.unlink(inboxPath)
                }
            } catch {
                throw DaemonError.fileSystem(error, doing: "recover '\(name)' in the work directory")
            }
        }
        try ledger.reconcile(withFilesInWork: identities)
        return names
    }

    /// Creates the daemon's own directories and checks that the inbox and outbox exist.
    static func prepareDirectories(_ configuration: DaemonConfiguration) throws(DaemonError) {
        for (key, path) in [("inbox", configuration.inbox), ("outbox", configuration.outbox)] {
            guard (try? Syscall.statusFollowingLinks(path))?.kind == .directory else {
                throw DaemonError.missingDirectory(key: key, path: path)
            }
        }
        let own = [
            configuration.workDirectory, configuration.archiveDirectory, configuration.failedDirectory,
            Path.split(configuration.ledger).directory, Path.split(configuration.lockFile).directory,
            configuration.stateDirectory,
        ]
        for path in own {
            do {
                try Syscall.makeDirectories(path)
            } catch {
                throw DaemonError.fileSystem(error, doing: "create the directory '\(path)'")
            }
        }
    }
}
