import ArgumentParser
import Foundation
import ScoringHost
import SegmentCore
import SegmentDaemon

/// `segmentd models`: the model registry (`var/models/`): list, show, promote, rollback, import, diff.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "The model registry in var/models/: list, show, promote, rollback, import and diff versions.",
        discussion: """
            Every trained model is kept as var/models/<model_version>.json; the aliases champion (what the daemon \
            and the HTTP server score with, model = "registry:champion"), challenger and previous are in \
            var/models/aliases.json. A version is named by its whole version, a unique prefix, its label or an \
            alias. The commands work beside a running daemon, which follows the champion without a restart.

            Examples:
              segmentd models list
              segmentd models promote v1.2.0
              segmentd models rollback
            """,
        subcommands: [
            ModelsListCommand.self, ModelsShowCommand.self, ModelsPromoteCommand.self, ModelsRollbackCommand.self,
            ModelsImportCommand.self, ModelsDiffCommand.self,
        ]
    )

    /// The line `promote`, `rollback` and `train --promote` end with: the champion now and before.
    static func championLine(_ change: ModelRegistry.AliasChange) -> String {
        let now = change.champion ?? "none"
        guard let before = change.previousChampion, before != now else {
            return "champion: \(now) (unchanged)"
        }
        return "champion: \(now) (was \(before), now previous)"
    }

    /// The registry of the configuration `options` names.
    static func registry(_ options: DaemonOptions) throws -> ModelRegistry {
        ConfiguredFiles.registry(in: try DaemonConfigurationFile.load(options.config).0)
    }

    /// `version (label)` or the version alone.
    static func named(_ model: SegmentModel) -> String {
        model.label.map { "\(model.modelVersion) (\($0))" } ?? model.modelVersion
    }
}
