/// How a failed command ends, by the classes of `sysexits.h`: the same number for the same kind of failure whatever
/// the command, so a script or a service manager can tell a wrong argument from bad data, a missing file, a full
/// disk or a bad configuration without reading the message.
///
/// Each error type that can reach the command line says its class (``ExitStatusClassified``); the `segmentd`
/// command turns the class into the exit status in one place. The help text and the README list these cases.
package enum ExitStatus: Int32, Sendable, CaseIterable {
    /// `EX_USAGE`: the command line is wrong.
    case usage = 64
    /// `EX_DATAERR`: the input data cannot be used.
    case dataError = 65
    /// `EX_NOINPUT`: an input file does not exist or cannot be read.
    case noInput = 66
    /// `EX_UNAVAILABLE`: a service or dependency the command needs is unavailable.
    case unavailable = 69
    /// `EX_CANTCREAT`: an output file cannot be created.
    case cannotCreate = 73
    /// `EX_IOERR`: reading or writing failed part-way.
    case ioError = 74
    /// `EX_TEMPFAIL`: a temporary failure; trying again later can succeed.
    case temporaryFailure = 75
    /// `EX_CONFIG`: the configuration (or the model it names) cannot be used.
    case configuration = 78

    /// The name `sysexits.h` gives the status.
    package var name: String {
        switch self {
        case .usage: "EX_USAGE"
        case .dataError: "EX_DATAERR"
        case .noInput: "EX_NOINPUT"
        case .unavailable: "EX_UNAVAILABLE"
        case .cannotCreate: "EX_CANTCREAT"
        case .ioError: "EX_IOERR"
        case .temporaryFailure: "EX_TEMPFAIL"
        case .configuration: "EX_CONFIG"
        }
    }

    /// What the status means for segmentd, short enough for one line of the help text.
    package var meaning: String {
        switch self {
        case .usage: "usage: unknown option, missing or invalid argument"
        case .dataError: "bad input data: a file that cannot be used, too few rows"
        case .noInput: "missing input: an input file is absent or unreadable"
        case .unavailable: "unavailable: a plugin or its state, inotify"
        case .cannotCreate: "cannot create output: an output file or its directory"
        case .ioError: "I/O error: reading or writing failed part-way"
        case .temporaryFailure: "temporary failure: the inbox's daemon already runs"
        case .configuration: "configuration: a bad configuration file, a missing model"
        }
    }

    /// The exit status section of `segmentd --help`: every status with its name and meaning, then the verdicts.
    package static var helpText: String {
        var text = "Exit status (sysexits.h, the same for every command):\n  0   success\n"
        for status in allCases {
            let name = status.name.padding(toLength: 14)
            text += "  \(status.rawValue)  \(name)  \(status.meaning)\n"
        }
        text += "Verdicts: validate exits 0 when all is valid, 78 when not; run --once exits 65\n"
        text += "when a file failed, 75 when one was left for a retry; check exits 0 when no retrain\n"
        text += "is needed, 1 when a retrain is advised."
        return text
    }
}

extension String {
    /// The string followed by spaces up to `length` characters.
    fileprivate func padding(toLength length: Int) -> String {
        self + String(repeating: " ", count: max(0, length - count))
    }
}

/// An error that knows its exit status class, so every command ends the same way on the same kind of failure.
package protocol ExitStatusClassified: Error {
    /// The `sysexits.h` class of the failure.
    var exitStatus: ExitStatus { get }
}
