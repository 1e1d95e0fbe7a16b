import ArgumentParser
import Foundation
import Logging
import SegmentDaemon

/// `segmentd run`: the inbox daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the inbox and turn every complete CSV/JSONL file into scored files in the outbox."
    )

    @OptionGroup var daemonOptions: DaemonOptions

    @Flag(name: .long, help: "Process what is in the inbox (and any interrupted work), then exit.")
    var once = false

    func run() async throws {
        let (configuration, file) = try DaemonConfigurationFile.load(daemonOptions.config)
        DaemonLogging.bootstrap(format: configuration.logFormat)
        let daemon = Daemon(
            configuration: configuration, configurationFile: file,
            processorFactory: { try ModelFileProcessor(configuration: $0) }, logger: Logger(label: "segmentd")
        )
        do {
            if once {
                let summary = try await daemon.runOnce()
                print("scored \(summary.scored), duplicates \(summary.duplicates), failed \(summary.failed), "
                    + "deferred \(summary.deferred), completed earlier \(summary.completedEarlier)")
            } else {
                try await daemon.run()
            }
        } catch let error as DaemonError {
            FileHandle.standardError.write(Data("segmentd: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
