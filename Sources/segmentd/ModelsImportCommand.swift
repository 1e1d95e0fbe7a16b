import ArgumentParser
import ScoringHost

/// `segmentd models import FILE`: register a model file trained elsewhere.
struct ModelsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Verify a model file and copy it into the registry as its version (no alias changes).",
        discussion: """
            The file is checked (format, checksum, consistency, a scorer can be built) and copied to \
            var/models/<model_version>.json; a version already registered is left as it is. The registry's first \
            model becomes champion. Exits 66 when FILE is missing, 65 when it is not a usable model.

            Examples:
              segmentd models import /tmp/model-from-staging.json
              segmentd models import var/model.json && segmentd models promote m-3f2a9c
            """
    )

    @Argument(help: "The model file to import.")
    var file: String

    @OptionGroup var daemonOptions: DaemonOptions

    func run() async throws {
        let registry = try ModelsCommand.registry(daemonOptions)
        let registration = try registry.importModel(at: ConfiguredFiles.absolute(file))
        if registration.added {
            print("imported \(registration.version) as \(registration.path)")
        } else {
            print("\(registration.version) is registered already (\(registration.path)); nothing copied")
        }
        if registration.becameChampion {
            print("champion: \(registration.version) (the registry's first model)")
        }
    }
}
