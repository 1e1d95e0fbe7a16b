import Foundation
@testable import ScoringHost
@testable import SegmentDaemon
import Testing

/// The layers of the module graph, read from the sources: a lower layer never imports a higher one, and the daemon
/// imports no domain module (only the CLI wires the scoring host and the daemon together).
@Suite("module graph")
struct ModuleGraphTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The modules each Swift file under `Sources/<target>` imports, by file.
    private static func imports(of target: String) throws -> [String: Set<String>] {
        let directory = root.appendingPathComponent("Sources/\(target)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no sources found under \(directory.path)")
        var found: [String: Set<String>] = [:]
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                let modifiers: Set<Substring> = ["public", "package", "internal", "private", "fileprivate"]
                let rest = words.drop { modifiers.contains($0) }
                guard rest.count >= 2, rest.first == "import" else { continue }
                found[file, default: []].insert(String(rest[rest.index(after: rest.startIndex)]))
            }
        }
        return found
    }

    @Test("no file in SegmentIO imports the plugin SDK or the host")
    func recordIOKnowsNoPlugins() throws {
        let imports = try Self.imports(of: "SegmentIO")
        #expect(imports.values.contains { $0.contains("SegmentCore") }, "the reader sees SegmentIO's imports")
        for (file, modules) in imports {
            #expect(modules.isDisjoint(with: ["SegmentPlugin", "ScoringHost", "SegmentDaemon"]), "\(file)")
        }
    }

    @Test("no file in SegmentDaemon imports a domain module")
    func daemonImportsNoDomainModule() throws {
        let imports = try Self.imports(of: "SegmentDaemon")
        #expect(imports.values.contains { $0.contains("SegmentSupport") }, "the reader sees the daemon's imports")
        for (file, modules) in imports {
            #expect(
                modules.isDisjoint(with: ["SegmentCore", "SegmentIO", "SegmentPlugin", "ScoringHost", "PluginRegistry"]
                ),
                "\(file)")
        }
    }

    @Test("the scoring host imports neither the daemon nor the command line")
    func hostIsBelowTheDaemon() throws {
        for (file, modules) in try Self.imports(of: "ScoringHost") {
            #expect(modules.isDisjoint(with: ["SegmentDaemon", "segmentd", "PluginRegistry"]), "\(file)")
        }
    }

    @Test("the exporter imports only the numeric core and the support layer")
    func exporterSitsOnTheCore() throws {
        let imports = try Self.imports(of: "SegmentExport")
        #expect(imports.values.contains { $0.contains("SegmentCore") }, "the reader sees the exporter's imports")
        for (file, modules) in imports {
            #expect(modules.isSubset(of: ["SegmentCore", "SegmentSupport"]), "\(file): \(modules)")
        }
    }

    @Test("the daemon keeps room in its output names for the longest artifact suffix the host accepts")
    func artifactSuffixLimitsAgree() {
        #expect(OutputNames.maximumArtifactSuffixBytes == ArtifactFileWriter.maximumSuffixBytes)
    }
}
