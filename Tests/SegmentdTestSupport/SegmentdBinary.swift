public import Foundation

/// Where the `segmentd` executable that `swift test` built beside the test bundle is.
public enum SegmentdBinary {
    /// `$SEGMENTD_BIN` when set, else the first `segmentd` executable beside the running test bundle.
    public static var url: URL {
        if let override = ProcessInfo.processInfo.environment["SEGMENTD_BIN"] { return URL(fileURLWithPath: override) }
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        let found = candidates.compactMap { $0?.appendingPathComponent("segmentd") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return found ?? URL(fileURLWithPath: "segmentd")
    }
}
