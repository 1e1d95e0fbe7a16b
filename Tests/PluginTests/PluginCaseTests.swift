import Foundation
import PluginRegistry
import SegmentPlugin
import Testing

/// The golden testcases of every built-in plugin (`plugins/*/testcases/*/`), as `README.md` here describes.
@Suite("Plugin testcases")
struct PluginCaseTests {
    @Test(
        "each testcase gives its expected columns, rejections, artifacts and report",
        arguments: PluginCase.all())
    func testcase(_ testCase: PluginCase) throws {
        var runner = CaseRunner(testCase)
        try runner.run()
        for problem in runner.problems {
            Issue.record(Comment(rawValue: "\(testCase): \(problem)"))
        }
    }

    @Test("every folder under plugins/ is a built-in plugin with at least one testcase")
    func foldersMatchRegistry() {
        let registered = Set(BuiltInPlugins.all.map { $0.descriptor.name })
        let folders = Set(PluginCase.pluginFolders())
        #expect(folders == registered)
        let withCases = Set(PluginCase.all().map(\.plugin))
        #expect(withCases == registered)
    }

    @Test(
        "every sample.toml builds its plugin, for the shipped segments and for no known model",
        arguments: BuiltInPlugins.all.map { $0.descriptor.name })
    func sampleBuilds(_ name: String) throws {
        let type = try #require(BuiltInPlugins.all.first { $0.descriptor.name == name })
        let sample = try PluginSettings.parse(type.descriptor.sampleConfiguration, source: "\(name)/sample.toml")
        let stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-\(UUID())")
        try FileManager.default.createDirectory(at: stateDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        for segments in [CaseRunner.defaultSegmentNames, [], ["Big Tickets", "Segment 2"]] {
            let context = PluginContext(
                stateDirectory: stateDirectory.path, baseDirectory: ".",
                segmentNames: segments)
            let plugin = try type.configured(settings: sample, context: context)
            #expect(!plugin.outputColumns.isEmpty)
        }
    }
}
