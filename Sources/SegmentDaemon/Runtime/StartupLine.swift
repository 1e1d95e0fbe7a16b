import Foundation
import Logging

/// What the `starting` log line says, so an operator can tell from the log alone what ran: the inbox, mode and
/// workers; the model's version, creation time and age; the enabled plugins (name, version, order) in the order they
/// run; and `config_sha256`, the hash each manifest of this configuration carries.
enum StartupLine {
    static func metadata(
        configuration: DaemonConfiguration, processor: any FileProcessor, configurationHash: String, mode: String,
        recovered: Int, now: Date = Date()
    ) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "inbox": "\(configuration.inbox)", "mode": "\(mode)",
            "workers": .stringConvertible(configuration.workers), "model_version": "\(processor.modelVersion)",
            "recovered": .stringConvertible(recovered), "config_sha256": "\(configurationHash)",
            "plugins": .array(processor.enabledPlugins.map(\.metadata)),
        ]
        if let createdAt = processor.modelCreatedAt {
            metadata["model_created_at"] = "\(createdAt)"
            if let age = modelAgeSeconds(createdAt: createdAt, now: now) {
                metadata["model_age_s"] = .stringConvertible(age)
            }
        }
        return metadata
    }

    /// Whole seconds from `createdAt` (ISO 8601, as models write it) to `now`; nil when it cannot be read.
    static func modelAgeSeconds(createdAt: String, now: Date) -> Int? {
        guard let created = try? Date(createdAt, strategy: .iso8601) else { return nil }
        return Int(now.timeIntervalSince(created).rounded(.down))
    }
}
