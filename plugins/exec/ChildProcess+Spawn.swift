import Glibc
import SegmentPlugin
import SegmentSupport

extension ChildProcess {
    /// Why a child could not be started.
    struct SpawnFailure: Error, Sendable, CustomStringConvertible {
        /// What failed, e.g. `No such file or directory (errno 2)` from `posix_spawn`.
        let cause: String
        var description: String { cause }
    }

    /// Starts `settings.command` in its own process group, in `settings.workingDirectory`, with exactly
    /// `settings.childEnvironment`, default signal dispositions, an empty signal mask and no descriptor but its
    /// stdin, stdout and stderr. Its stderr lines go to `log`, at the rate `settings.stderrLimit…` allows.
    static func spawn(
        _ settings: ExecSettings,
        log: @escaping @Sendable (PluginLogLevel, String) -> Void
    ) throws(SpawnFailure) -> ChildProcess {
        var opened: [Int32] = []
        defer { opened.forEach(Syscall.close) }
        do {
            let stdin = try Syscall.socketPair()
            opened += [stdin.0, stdin.1]
            let stdout = try Syscall.socketPair()
            opened += [stdout.0, stdout.1]
            let stderr = try Syscall.socketPair()
            opened += [stderr.0, stderr.1]
            _ = shutdown(stdin.0, Int32(SHUT_RD))
            _ = shutdown(stdout.0, Int32(SHUT_WR))
            let outputInode = StrayHolders.socketInode(stdout.1)
            let pid = try launch(settings, descriptors: (stdin.1, stdout.1, stderr.1))
            opened = [stdin.1, stdout.1, stderr.1]
            let limit = StderrLimit(lines: settings.stderrLimitLines, interval: settings.stderrLimitInterval)
            let logger = StderrLogger(descriptor: stderr.0, maxLineBytes: settings.maxLineBytes, limit: limit) {
                log($0, "pid \(pid) stderr: \($1)")
            }
            return ChildProcess(
                pid: pid, input: stdin.0, output: stdout.0, outputInode: outputInode,
                stderrLogger: logger, maxLineBytes: settings.maxLineBytes)
        } catch {
            throw SpawnFailure(cause: "\(error.operation): \(error.reason) (errno \(error.code))")
        }
    }

    /// `posix_spawnp` with the file actions and attributes described at ``spawn(_:log:)``.
    private static func launch(_ settings: ExecSettings, descriptors: (Int32, Int32, Int32)) throws(Errno) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        try spawnCheck("posix_spawn_file_actions_adddup2") {
            posix_spawn_file_actions_adddup2(&actions, descriptors.0, 0)
        }
        try spawnCheck("posix_spawn_file_actions_adddup2") {
            posix_spawn_file_actions_adddup2(&actions, descriptors.1, 1)
        }
        try spawnCheck("posix_spawn_file_actions_adddup2") {
            posix_spawn_file_actions_adddup2(&actions, descriptors.2, 2)
        }
        try GNUSpawnActions.changeDirectory(&actions, to: settings.workingDirectory)
        try GNUSpawnActions.closeDescriptors(&actions, from: 3)

        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        let flags = Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        try spawnCheck("posix_spawnattr_setflags") { posix_spawnattr_setflags(&attributes, flags) }
        try spawnCheck("posix_spawnattr_setpgroup") { posix_spawnattr_setpgroup(&attributes, 0) }
        try spawnCheck("posix_spawnattr_setsigmask") { posix_spawnattr_setsigmask(&attributes, &noSignals) }
        try spawnCheck("posix_spawnattr_setsigdefault") { posix_spawnattr_setsigdefault(&attributes, &allSignals) }

        let argv = CStringArray(settings.command), envp = CStringArray(settings.childEnvironment)
        defer { argv.free(); envp.free() }
        var pid: pid_t = 0
        try spawnCheck("posix_spawn of \(settings.command[0]) in \(settings.workingDirectory)") {
            posix_spawnp(&pid, settings.command[0], &actions, &attributes, argv.pointers, envp.pointers)
        }
        return pid
    }

    /// The posix_spawn family returns an error number instead of setting `errno`.
    private static func spawnCheck(_ operation: String, _ call: () -> Int32) throws(Errno) {
        let result = call()
        if result != 0 { throw Errno(result, operation: operation) }
    }
}

/// A NULL-terminated array of C strings for argv or envp; `free` releases it.
private struct CStringArray {
    let pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    func free() {
        for pointer in pointers { Glibc.free(pointer) }
    }
}
