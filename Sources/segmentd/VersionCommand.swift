import ArgumentParser
import SegmentSupport

/// What this binary is: the version, the git commit it was built from (`BuildCommit`, written before each build by
/// `Sources/BuildInfoPlugin`) and the CPU it was compiled for. `segmentd --version` and `segmentd version` print it.
enum BuildInfo {
    /// The release this source tree is; raised when a release is cut.
    static let version = "0.15.0"

    /// Three lines: `segmentd 0.15.0`, `commit <40 hex digits>` (with ` (modified)` when tracked files differed
    /// from that commit at build time, `unknown` outside a git checkout), `target <architecture and CPU>`.
    static var text: String {
        """
        segmentd \(version)
        commit \(BuildCommit.hash)\(BuildCommit.modified ? " (modified)" : "")
        target \(BuildTarget.summary)
        """
    }
}

/// `segmentd version`: the same as `segmentd --version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, the git commit this binary was built from and the CPU it was compiled for.",
        discussion: "Example: segmentd version"
    )

    func run() {
        print(BuildInfo.text)
    }
}
