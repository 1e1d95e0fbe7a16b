import Foundation
import Testing
@testable import SegmentDaemon

/// Relative paths resolve against one base directory, never the working directory (README "Paths: one base
/// directory").
@Suite("Base directory")
struct BaseDirectoryTests {
    @Test("by default the base is the parent of the directory holding the configuration file")
    func defaultBaseIsParentOfConfigurationDirectory() {
        let configuration = DaemonConfiguration().resolvingPaths(
            configurationFile: "/srv/segmentd/etc/segmentd.toml", workingDirectory: "/")

        #expect(configuration.baseDirectory == "/srv/segmentd")
        #expect(configuration.inbox == "/srv/segmentd/inbox")
        #expect(configuration.model == "registry:champion", "a registry reference is not a path")
        #expect(configuration.pluginsDirectory == "/srv/segmentd/etc/plugins.d")
    }

    @Test("a relative configuration path is found from the working directory, then the same rule applies")
    func relativeConfigurationFile() {
        let configuration = DaemonConfiguration().resolvingPaths(
            configurationFile: "etc/segmentd.toml", workingDirectory: "/srv/segmentd")

        #expect(configuration.baseDirectory == "/srv/segmentd")
        #expect(configuration.ledger == "/srv/segmentd/var/ledger.sqlite")
    }

    @Test("an explicit base_dir is relative to the directory holding the file; an absolute one is taken as it is")
    func explicitBaseDirectory() throws {
        var relative = try DaemonConfiguration(tomlText: "base_dir = \"../data\"\ninbox = \"in\"\n", source: "x.toml")
        relative = relative.resolvingPaths(configurationFile: "/srv/segmentd/etc/segmentd.toml", workingDirectory: "/")
        #expect(relative.baseDirectory == "/srv/segmentd/data")
        #expect(relative.inbox == "/srv/segmentd/data/in")

        var absolute = try DaemonConfiguration(tomlText: "base_dir = \"/var/lib/seg\"\n", source: "x.toml")
        absolute = absolute.resolvingPaths(configurationFile: "/srv/segmentd/etc/segmentd.toml", workingDirectory: "/")
        #expect(absolute.baseDirectory == "/var/lib/seg")
        #expect(absolute.outbox == "/var/lib/seg/outbox")
    }

    @Test("absolute paths in the file stay; resolving twice changes nothing")
    func absolutePathsStay() throws {
        let configuration = try DaemonConfiguration(tomlText: "outbox = \"/data/out\"\n", source: "x.toml")
            .resolvingPaths(configurationFile: "/srv/s/etc/segmentd.toml", workingDirectory: "/")

        #expect(configuration.outbox == "/data/out")
        #expect(
            configuration.resolvingPaths(configurationFile: "/elsewhere/etc/x.toml", workingDirectory: "/tmp")
                == configuration)
    }

    @Test("without a configuration file the working directory is the base")
    func noFileUsesWorkingDirectory() {
        let configuration = DaemonConfiguration().resolvingPaths(configurationFile: nil, workingDirectory: "/w/d")

        #expect(configuration.baseDirectory == "/w/d")
        #expect(configuration.workDirectory == "/w/d/var/work")
    }

    @Test("load resolves against the file's location, whatever the working directory")
    func loadResolvesAgainstTheFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("segmentd-base-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("etc/segmentd.toml").path
        try "model = \"models/champion.json\"\n".write(toFile: file, atomically: true, encoding: .utf8)

        let configuration = try DaemonConfiguration.load(path: file)

        #expect(configuration.model == root.path + "/models/champion.json")
        #expect(configuration.keysSet == ["model"])
    }

    @Test("every wrong key of a file is reported in one reading, each with its line and a suggestion")
    func everyKeyProblemAtOnce() throws {
        #expect {
            try DaemonConfiguration(
                tomlText: "workres = 2\nmin_age = 1\nmin_ag = 3\nmode = \"pol\"\n", source: "three.toml")
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.count == 3 && problems[0].hasPrefix("three.toml:1:1: workres")
                && problems[0].contains("did you mean \"workers\"") && problems[1].hasPrefix("three.toml:3:1: min_ag")
                && problems[1].contains("did you mean \"min_age\"") && problems[2].hasPrefix("three.toml:4:")
        }
    }
}
