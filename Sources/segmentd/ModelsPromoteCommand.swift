import ArgumentParser
import ScoringHost

/// `segmentd models promote V`: V becomes champion (or `--as challenger`).
struct ModelsPromoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Make a version the champion; the old champion becomes previous.",
        discussion: """
            The alias file is replaced atomically: a daemon or server following registry:champion scores the next \
            file or request with the new champion, without a restart. Promoting the challenger ends the experiment \
            (the challenger alias is cleared).

            Examples:
              segmentd models promote m-3f2a9c
              segmentd models promote v1.2.0
              segmentd models promote m-77b0 --as challenger
            """
    )

    @Argument(help: "Version, unique prefix, label or alias.")
    var version: String

    @Option(name: .customLong("as"), help: "The alias to set: champion (default) or challenger.")
    var alias: String = ModelRegistry.Alias.champion.rawValue

    @OptionGroup var daemonOptions: DaemonOptions

    func validate() throws {
        guard alias == ModelRegistry.Alias.champion.rawValue || alias == ModelRegistry.Alias.challenger.rawValue else {
            throw ValidationError("--as must be champion or challenger, got '\(alias)' (previous is set by promote).")
        }
    }

    func run() async throws {
        let registry = try ModelsCommand.registry(daemonOptions)
        let resolved = try registry.resolve(version)
        let target = ModelRegistry.Alias(rawValue: alias) ?? .champion
        let change = try registry.promote(resolved, to: target)
        if target == .champion {
            print(ModelsCommand.championLine(change))
        } else {
            print("\(target.rawValue): \(resolved)")
        }
    }
}

/// `segmentd models rollback`: previous becomes champion again.
struct ModelsRollbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollback",
        abstract: "Make the previous champion the champion again; the one it replaces becomes previous.",
        discussion: """
            A second rollback undoes the first. Exits 66 when there is no previous champion.

            Examples:
              segmentd models rollback
              segmentd models rollback --config /srv/segmentd/etc/segmentd.toml
            """
    )

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        let change = try ModelsCommand.registry(daemonOptions).rollback()
        print(ModelsCommand.championLine(change))
    }
}
