import Foundation
import Testing
@testable import SegmentDaemon

@Suite("Validator")
struct ValidatorTests {
    @Test("a complete tree has no problems, even before the daemon's own directories exist")
    func healthyTreeHasNoProblems() throws {
        var setup = try TestTree()
        setup.configuration.archiveDirectory = setup.root + "/var/not-yet/archive"
        let tree = setup
        defer { tree.remove() }

        #expect(DaemonValidator.validate(tree.configuration) == [])
    }

    @Test("configured directories may be symbolic links to directories")
    func symlinkedDirectoriesAreAccepted() async throws {
        var setup = try TestTree()
        try FileManager.default.createSymbolicLink(atPath: setup.root + "/inbox-link", withDestinationPath: setup.inbox)
        setup.configuration.inbox = setup.root + "/inbox-link"
        let tree = setup
        defer { tree.remove() }
        try tree.drop("a.csv", "id\n1\n")

        #expect(DaemonValidator.validate(tree.configuration) == [])
        let summary = try await Daemon(
            configuration: tree.configuration, processorFactory: { _ in FakeProcessor() }, logger: .quiet,
            environment: [:]
        ).runOnce()
        #expect(summary.scored == 1)
    }

    @Test("every problem is reported, each with its key")
    func everyProblemIsReported() throws {
        var setup = try TestTree()
        setup.configuration.inbox = setup.root + "/missing-inbox"
        try Data().write(to: URL(fileURLWithPath: setup.root + "/a-file"))
        setup.configuration.outbox = setup.root + "/a-file"
        setup.configuration.failedDirectory = setup.root + "/a-file/failed"
        let tree = setup
        defer { tree.remove() }

        let keys = DaemonValidator.validate(tree.configuration).map(\.key)

        #expect(keys.contains("inbox"))
        #expect(keys.contains("outbox"))
        #expect(keys.contains("failed_dir"))
    }

    @Test(
        "a work directory on another filesystem is reported",
        .enabled(if: FileManager.default.fileExists(atPath: "/dev/shm")))
    func otherFileSystemIsReported() throws {
        var setup = try TestTree()
        let elsewhere = "/dev/shm/segmentd-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        setup.configuration.workDirectory = elsewhere
        let tree = setup
        defer { tree.remove() }
        var inbox = stat()
        var shm = stat()
        try #require(stat(tree.inbox, &inbox) == 0 && stat("/dev/shm", &shm) == 0)
        try #require(
            inbox.st_dev != shm.st_dev, "this machine has /dev/shm on the same filesystem as the temporary directory")

        let problems = DaemonValidator.validate(tree.configuration)

        #expect(problems.map(\.key) == ["work_dir"])
        #expect(problems.first?.message.contains("different filesystem") == true)
    }

    @Test("a configuration file with errors is reported key by key, and the directories are still checked")
    func undecodableFileIsAProblem() throws {
        let tree = try TestTree()
        defer { tree.remove() }
        let path = tree.root + "/segmentd.toml"
        try Data("inbx = \"x\"\nworkres = 2\nbase_dir = \"nowhere\"\n".utf8).write(to: URL(fileURLWithPath: path))

        let problems = DaemonValidator.validate(configurationFile: path)

        #expect(problems.prefix(2).map(\.key) == ["config", "config"])
        #expect(problems.first?.message.contains(path + ":1:1: inbx") == true, "\(problems)")
        #expect(problems.dropFirst().first?.message.contains(path + ":2:1: workres") == true, "\(problems)")
        // base_dir, which did decode, is used: relative to the file's directory, where there is no inbox.
        #expect(problems.contains { $0.key == "inbox" && $0.message.contains(tree.root + "/nowhere/inbox") })
    }
}
