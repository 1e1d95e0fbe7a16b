import Foundation

/// Copies the manifests a test wrote into the directory that `SEGMENTD_MANIFEST_COLLECT` names (when it is set),
/// before the test's tree is removed, so that scripts/check-manifests.py validates every manifest the suite wrote
/// against etc/manifest.schema.json (scripts/test.sh sets the variable and runs the check).
public enum ManifestCollector {
    /// The environment variable naming the collection directory.
    public static let variable = "SEGMENTD_MANIFEST_COLLECT"

    /// Copies each final-named `*.manifest.json` in `outbox` (hidden temporaries are not manifests yet) under a
    /// unique name that keeps the start of the original one.
    public static func collect(outbox: String) {
        guard let target = ProcessInfo.processInfo.environment[variable], !target.isEmpty else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []
        let manifests = names.filter { $0.hasSuffix(".manifest.json") && !$0.hasPrefix(".") }
        guard !manifests.isEmpty else { return }
        try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for name in manifests {
            let kept = String(String.UnicodeScalarView(name.unicodeScalars.prefix(80)))
            let copy = "\(target)/\(UUID().uuidString)-\(kept)"
            try? FileManager.default.copyItem(atPath: outbox + "/" + name, toPath: copy)
        }
    }
}
