import SegmentSupport

/// The names a job publishes in the outbox, all derived from one stem.
///
/// Every name, and the hidden temporary it is written under (`.<stem>.scored.partial.csv`), fits in 255 bytes for
/// every legal input name: a stem longer than ``maximumStemBytes`` is cut and completed with a hash of the whole
/// input name (``NameLength``); the manifest's `input.name` gives the name the file arrived with.
struct OutputNames: Sendable, Equatable {
    /// The longest stem used as it is. Room is kept for the longest temporary: a leading `.`, a `-10000` clash
    /// suffix, `.` and an artifact suffix of up to 32 bytes (`migrations.jsonl`) and `.partial`.
    static let maximumStemBytes = NameLength.maximumBytes - 1 - 6 - 1 - maximumArtifactSuffixBytes - 8

    /// The longest artifact suffix a processor may write, in bytes: the scoring host's `ArtifactFileWriter` refuses
    /// longer ones (a test checks the two agree; the daemon does not import the host).
    static let maximumArtifactSuffixBytes = 32

    /// Format of the scored output, which follows the input's.
    typealias Format = ScoredFormat

    let stem: String
    let format: Format

    var scored: String { "\(stem).scored.\(format.rawValue)" }
    var rejects: String { "\(stem).rejects.csv" }
    var manifest: String { "\(stem).manifest.json" }
    /// A plugin's artifact, such as `<stem>.migrations.jsonl`.
    func artifact(_ suffix: String) -> String { "\(stem).\(suffix)" }

    /// Every name a stem can occupy, whatever the format.
    static func allNames(stem: String) -> [String] {
        ["\(stem).scored.csv", "\(stem).scored.jsonl", "\(stem).rejects.csv", "\(stem).manifest.json"]
    }

    /// Stems to try for an input: its name without extension (cut to ``maximumStemBytes``), then `<stem>-2`, …
    static func candidateStems(for inputName: String, limit: Int = 10_000) -> some Sequence<String> {
        let stem = NameLength.fit(Path.stemAndExtension(inputName).stem, within: maximumStemBytes, hashing: inputName)
        return (1...limit).lazy.map { $0 == 1 ? stem : "\(stem)-\($0)" }
    }
}
