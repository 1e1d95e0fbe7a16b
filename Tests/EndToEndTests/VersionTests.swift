import Foundation
import Testing

/// `segmentd --version` and `segmentd version` say what the binary is.
@Suite("version")
struct VersionTests {
    /// The commit of the source tree, or nil when it is not a git checkout.
    static func sourceCommit() throws -> String? {
        let result = try ServiceUnitTests.run(
            "/usr/bin/env", ["git", "-C", ServiceUnitTests.packageRoot.path, "rev-parse", "HEAD"])
        let commit = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return result.status == 0 && commit.count == 40 ? commit : nil
    }

    @Test("--version and version print the version, the commit the binary was built from and its target CPU")
    func versionLines() throws {
        let workspace = try Workspace()
        let flag = try Segmentd.succeed(["--version"], in: workspace.url)
        let command = try Segmentd.succeed(["version"], in: workspace.url)
        #expect(flag == command)
        let lines = flag.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(flag)")
        #expect(lines.first?.wholeMatch(of: /segmentd \d+\.\d+\.\d+/) != nil, "\(flag)")
        let printed = lines.count > 1 ? lines[1].split(separator: " ").dropFirst().first.map(String.init) : nil
        // Built from this checkout (the test command builds first): the same commit; from a tarball: "unknown".
        #expect(printed == (try Self.sourceCommit() ?? "unknown"), "\(flag)")
        #expect(lines.last?.hasPrefix("target x86_64") == true || lines.last?.hasPrefix("target aarch64") == true)
    }
}
