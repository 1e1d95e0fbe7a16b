import Foundation
import ScoringHost
import Testing

/// The lineage the host tells the plugins: the first version of a model's `--previous` chain in the registry.
@Suite struct LineageRootTests {
    /// A registry whose version files hold only what the lineage walk reads (`parent`).
    static func registry(_ parents: [String: String?]) throws -> ModelRegistry {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lineage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let registry = ModelRegistry(directory: directory.path)
        for (version, parent) in parents {
            let body = parent.map { "{\"parent\": \"\($0)\"}" } ?? "{}"
            try Data(body.utf8).write(to: URL(fileURLWithPath: registry.path(of: version)))
        }
        return registry
    }

    @Test("a chain of --previous leads back to its first version; a model without a parent is its own root")
    func chainLeadsToItsRoot() throws {
        let registry = try Self.registry(["m-1": nil, "m-2": "m-1", "m-3": "m-2", "m-9": nil])
        #expect(registry.lineageRoot(version: "m-4", parent: "m-3") == "m-1")
        #expect(registry.lineageRoot(version: "m-2", parent: "m-1") == "m-1")
        #expect(registry.lineageRoot(version: "m-9", parent: nil) == "m-9")
    }

    @Test("a parent the registry does not hold ends the walk; a cycle in damaged files ends too")
    func missingParentAndCycleEndTheWalk() throws {
        let registry = try Self.registry(["m-2": "m-gone", "m-5": "m-6", "m-6": "m-5"])
        #expect(registry.lineageRoot(version: "m-3", parent: "m-2") == "m-gone")
        #expect(registry.lineageRoot(version: "m-7", parent: "m-6") == "m-5")
    }
}
