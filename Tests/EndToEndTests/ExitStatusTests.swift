import Foundation
import Testing

/// Every command exits with the `sysexits.h` status of the kind of failure, the same for the same kind whatever the
/// command: run through the real binary, one row per command and error class.
@Suite(.serialized)
struct ExitStatusTests {
    /// One failing invocation: the command line, the directory it runs in, the status and a phrase of its message.
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var says: String
        /// A subdirectory of the shared workspace to run in (for a tree of its own).
        var directory: String = ""

        var testDescription: String { "segmentd \(arguments.joined(separator: " ")) → \(status)" }
    }

    static let cases: [Case] = [
        // 64 EX_USAGE: the argument parser's own errors and the commands' validations.
        Case(arguments: ["train", "customers.csv", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["score", "customers.csv", "o.csv", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["inspect", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["generate", "--rows", "1", "x.csv", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["validate", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["plugins", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["run", "--bogus"], status: 64, says: "Unknown option"),
        Case(arguments: ["run", "--once", "--test", "customers.csv"], status: 64, says: "cannot be combined"),
        Case(arguments: ["generate", "--rows", "-5", "x.csv"], status: 64, says: "must be a positive number"),
        Case(arguments: ["export", "model.json", "--format", "pmml", "--output", "m.pmml"], status: 64, says: "onnx"),
        Case(arguments: ["generate", "--rows", "0", "x.csv"], status: 64, says: "must be a positive number"),
        Case(arguments: ["train", "customers.csv", "--k", "1"], status: 64, says: "--k"),
        Case(arguments: ["train", "small.csv", "--k", "20", "--output", "m.json"], status: 64, says: "at most 10"),
        Case(arguments: ["score", "customers.csv", "out.txt", "--model", "model.json"], status: 64, says: ".txt"),
        // 65 EX_DATAERR: files that cannot be used.
        Case(arguments: ["train", "bad.csv", "--output", "m.json"], status: 65, says: "BALANCE"),
        Case(arguments: ["score", "bad.csv", "out.csv", "--model", "model.json"], status: 65, says: "BALANCE"),
        // 66 EX_NOINPUT: input files that do not exist.
        Case(arguments: ["train", "missing.csv", "--output", "m.json"], status: 66, says: "missing.csv"),
        Case(arguments: ["score", "missing.csv", "out.csv", "--model", "model.json"], status: 66, says: "missing.csv"),
        Case(arguments: ["run", "--test", "missing.csv"], status: 66, says: "missing.csv", directory: "trial"),
        // 69 EX_UNAVAILABLE: a plugin that cannot start, under on_error = "fail_file".
        Case(arguments: ["run", "--test", "customers.csv"], status: 69, says: "cannot start", directory: "exec-fails"),
        // 74 EX_IOERR: a write that fails part-way.
        Case(arguments: ["generate", "--rows", "1000", "/dev/full"], status: 74, says: "No space left"),
        // 73 EX_CANTCREAT: outputs that cannot be created.
        Case(arguments: ["generate", "--rows", "10", "no-such-dir/x.csv"], status: 73, says: "no-such-dir"),
        Case(arguments: ["train", "small.csv", "--output", "small.csv/m.json"], status: 73, says: "m.json"),
        Case(
            arguments: ["export", "model.json", "--format", "onnx", "--output", "small.csv/m.onnx"], status: 73,
            says: "m.onnx"),
        Case(
            arguments: ["score", "customers.csv", "no-such-dir/o.csv", "--model", "model.json"], status: 73,
            says: "no-such-dir"),
        Case(
            arguments: ["score", "customers.csv", "no-such-dir/o.jsonl", "--model", "model.json"], status: 73,
            says: "no-such-dir"),
        // 78 EX_CONFIG: configuration and model problems; validate's and plugins' verdicts.
        Case(
            arguments: ["score", "customers.csv", "out.csv", "--model", "absent.json"], status: 78,
            says: "absent.json"),
        Case(
            arguments: ["score", "customers.csv", "out.csv", "--model", "corrupt.json"], status: 78,
            says: "corrupt.json"),
        Case(arguments: ["inspect", "absent.json"], status: 78, says: "absent.json"),
        Case(arguments: ["inspect", "corrupt.json"], status: 78, says: "corrupt.json"),
        Case(
            arguments: ["export", "absent.json", "--format", "onnx", "--output", "m.onnx"], status: 78,
            says: "absent.json"),
        Case(
            arguments: ["train", "customers.csv", "--output", "m.json"], status: 78, says: "etc/pipeline.toml",
            directory: "bad-pipeline"),
        Case(arguments: ["validate", "--config", "bad.toml"], status: 78, says: "nonsense"),
        Case(arguments: ["validate", "--config", "good.toml"], status: 78, says: "absent.json"),
        Case(arguments: ["plugins", "--config", "bad.toml"], status: 78, says: "nonsense"),
        Case(arguments: ["plugins", "--config", "absent.toml"], status: 78, says: "absent.toml"),
        Case(arguments: ["run", "--once", "--config", "bad.toml"], status: 78, says: "nonsense"),
        Case(arguments: ["run", "--once", "--config", "absent.toml"], status: 78, says: "absent.toml"),
        Case(arguments: ["run", "--once"], status: 78, says: "model", directory: "no-model"),
    ]

    /// A workspace holding what the cases refer to: a model, good and bad data, bad configurations, a tree without
    /// a model and one with a bad pipeline.
    static let workspace = Result { () throws -> Workspace in
        let workspace = try CommandLineTests.trainedWorkspace()
        try Segmentd.succeed(["generate", "--rows", "100", "--seed", "2", "small.csv"], in: workspace.url)
        try workspace.write("bad.csv", "CUST_ID,PURCHASES\nC1,2\n")
        try workspace.write("corrupt.json", "{\"format\": \"segmentd-model\"}")
        try workspace.write("bad.toml", "nonsense = 1\n")
        try workspace.write("good.toml", "model = \"absent.json\"\n")
        for directory in ["bad-pipeline/etc", "no-model/inbox", "no-model/outbox"] {
            try FileManager.default.createDirectory(
                atPath: workspace.path(directory), withIntermediateDirectories: true)
        }
        try workspace.write("bad-pipeline/etc/pipeline.toml", "nonsense = 1\n")
        // Trees with a configuration of their own: plain, and with an exec plugin that cannot start.
        for tree in ["trial", "exec-fails"] {
            try FileManager.default.createDirectory(
                atPath: workspace.path("\(tree)/etc/plugins.d"), withIntermediateDirectories: true)
            try workspace.write(
                "\(tree)/etc/segmentd.toml", "model = \"model.json\"\nplugins_dir = \"etc/plugins.d\"\n")
            for file in ["model.json", "customers.csv"] {
                try FileManager.default.copyItem(
                    atPath: workspace.path(file), toPath: workspace.path("\(tree)/\(file)"))
            }
        }
        try workspace.write(
            "exec-fails/etc/plugins.d/exec.toml",
            "enabled = true\non_error = \"fail_file\"\ncommand = [\"/nonexistent/child\"]\ncolumns = [\"risk\"]\n")
        try FileManager.default.copyItem(
            atPath: workspace.path("customers.csv"), toPath: workspace.path("bad-pipeline/customers.csv"))
        return workspace
    }

    @Test("each command exits with the sysexits.h status of its error class", arguments: cases)
    func exitStatus(_ failing: Case) throws {
        let workspace = try Self.workspace.get()
        let directory =
            failing.directory.isEmpty ? workspace.url : workspace.url.appendingPathComponent(failing.directory)
        let outcome = try Segmentd.run(failing.arguments, in: directory)
        #expect(outcome.status == failing.status, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(failing.says), "\(outcome.stderr)")
    }

    @Test("segmentd --help lists every exit status; every command's help has an example")
    func helpListsTheStatusesAndExamples() throws {
        let workspace = try Workspace()
        let help = try Segmentd.succeed(["--help"], in: workspace.url)
        for status in ["64", "65", "66", "69", "73", "74", "75", "78"] {
            #expect(help.contains("  \(status)  "), "\(help)")
        }
        for command in ["run", "train", "score", "inspect", "validate", "generate", "plugins"] {
            let text = try Segmentd.succeed([command, "--help"], in: workspace.url)
            #expect(text.contains("Example"), "\(command) --help has no example: \(text)")
            #expect(text.contains("\n  segmentd \(command)"), "\(command) --help has no example: \(text)")
            #expect(!text.contains("(default: var/model.json). (default:"), "\(text)")
            #expect(!text.contains("(default: var/model.json) (default:"), "\(text)")
        }
    }
}
