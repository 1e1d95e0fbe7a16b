import ServiceLifecycle
import UnixSignals

/// Waits for SIGHUP and reloads the configuration and model each time.
struct ReloadService: Service {
    let reloader: ConfigurationReloader

    func run() async {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await reloader.reload()
        }
    }
}
