import Logging
import SegmentSupport

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
    /// Why the source could not be read (a damaged alias file): logged once per problem, not every tick.
    private var unreadableSource = RepeatedProblem()

    init(reloader: ConfigurationReloader) {
        self.reloader = reloader
    }

    /// Loads the model the source names when it is not the running one.
    mutating func follow() async {
        let processor = reloader.coordinator.currentProcessor.value
        let target: String
        do {
            guard let named = try processor.modelSourceTarget() else { return }
            target = named
        } catch {
            // Not knowing where the champion points is not "unset": keep the running model, and say so once.
            let problem = "\(error)"
            if unreadableSource.report(problem) {
                reloader.logger.warning(
                    "cannot read the model source; scoring stays on \(processor.modelVersion): \(problem)",
                    metadata: ["model_version": .string(processor.modelVersion)])
            }
            return
        }
        if unreadableSource.clear() {
            reloader.logger.notice("the model source can be read again; it names \(target)")
        }
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
