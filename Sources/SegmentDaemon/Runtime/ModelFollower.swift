/// Keeps the daemon on the model its source names: with `model = "registry:champion"`, a `segmentd models promote`
/// or `rollback` (the registry's alias file replaced atomically) takes effect for the next file, without SIGHUP.
///
/// The dispatch loop asks before it takes files (each tick, and each time a file arrives), so a promotion that has
/// returned applies to every file taken afterwards; files in progress finish with the model they started with, so a
/// file is always scored by one whole model. Asking costs one read of the small alias file (the processor's
/// ``FileProcessor/modelSourceTarget()``); a pinned model file answers nil and is never followed. Polling the alias
/// file was chosen over a watch (inotify serves the inbox, and one watcher per process is what libinotifytools
/// allows) and over signalling the daemon (a promotion needs no permission to signal it, and works with the daemon
/// stopped).
struct ModelFollower: Sendable {
    let reloader: ConfigurationReloader
    /// A version whose load failed: not tried again until the source names another one (no reload loop on a bad
    /// model; the error is logged once).
    private var failedTarget: String?

    init(reloader: ConfigurationReloader) {
        self.reloader = reloader
    }

    /// Loads the model the source names when it is not the running one.
    mutating func follow() async {
        let processor = reloader.coordinator.currentProcessor.value
        guard let target = processor.modelSourceTarget() else { return }
        guard target != processor.modelVersion else {
            failedTarget = nil
            return
        }
        guard target != failedTarget else { return }
        if await !reloader.reload(.modelSource(target: target)) {
            failedTarget = target
        }
    }
}
