import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon

/// What `history` and `check` share: the configuration's monitoring windows and the models that scored them.
struct MonitorInputs {
    let configuration: DaemonConfiguration
    /// The windows; nil when the daemon has not counted a file yet (no `monitor.sqlite`).
    let store: MonitorStore?

    init(_ options: DaemonOptions) throws {
        configuration = try DaemonConfigurationFile.load(options.config).0
        store = try MonitorStore.existing(path: MonitorStore.path(stateDirectory: configuration.stateDirectory))
    }

    /// The days recorded (of `modelVersion` when given, from `since` when given); empty without a store.
    func days(modelVersion: String? = nil, since: String? = nil) throws -> [DayCounts] {
        try store?.days(modelVersion: modelVersion, since: since) ?? []
    }

    /// A finder of the models that scored the days: the configured model, else the registry's version.
    func modelFinder() -> (String) -> SegmentModel? {
        let configured = try? ConfiguredFiles.model(nil, in: configuration).load()
        let registry = ConfiguredFiles.registry(in: configuration)
        var found: [String: SegmentModel?] = [:]
        return { version in
            if let model = found[version] { return model }
            let model =
                configured?.modelVersion == version ? configured : try? registry.model(named: version)
            found[version] = model
            return model
        }
    }

    /// The model `check` judges: the configuration's `model` (the registry's champion by default).
    func champion() throws -> SegmentModel {
        try ConfiguredFiles.model(nil, in: configuration).load()
    }

    /// The four retrain rules for `model` at `time`: over its latest window of days merged back to `[retrain]
    /// min_rows`, the quality rule on the daemon's reservoir sample of those days.
    func advice(for model: SegmentModel, at time: Date) throws -> RetrainAdvice {
        let thresholds = configuration.retrain.thresholds
        let window = RetrainWindow.latest(of: try days(modelVersion: model.modelVersion), minRows: thresholds.minRows)
        let sample = try ReservoirStore.recentRows(
            stateDirectory: configuration.stateDirectory, model: model, window: window, now: time)
        return RetrainEvaluator.evaluate(
            model: model, window: window, sample: sample, now: time, thresholds: thresholds)
    }
}
