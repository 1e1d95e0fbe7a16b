import ArgumentParser
import Foundation
import SegmentSupport

/// The one place where a failed command becomes an exit status: every command's errors end here, so the same kind
/// of failure exits with the same `sysexits.h` number whatever the command (see ``ExitStatus``).
extension SegmentdCommand {
    /// Parses and runs the command like `AsyncParsableCommand.main()`; an error that knows its class is printed
    /// (as the argument parser prints errors) and ends the process with that class's status. The argument parser
    /// keeps what it owns: help, `ExitCode`s a command throws, and usage errors (`EX_USAGE`, 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as any ExitStatusClassified {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            exit(withError: ExitCode(error.exitStatus.rawValue))
        } catch {
            exit(withError: error)
        }
    }
}
