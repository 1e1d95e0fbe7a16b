/// The names a job publishes in the outbox, all derived from one stem.
struct OutputNames: Sendable, Equatable {
    /// Format of the scored output, which follows the input's.
    enum Format: String, Sendable {
        case csv, jsonl

        /// `.jsonl` and `.ndjson` inputs give JSON Lines output; anything else is treated as CSV.
        init(inputName: String) {
            switch Path.stemAndExtension(inputName).extension?.lowercased() {
            case "jsonl", "ndjson": self = .jsonl
            default: self = .csv
            }
        }
    }

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

    /// Stems to try for an input: its name without extension, then `<stem>-2`, `<stem>-3`, …
    static func candidateStems(for inputName: String, limit: Int = 10_000) -> some Sequence<String> {
        let stem = Path.stemAndExtension(inputName).stem
        return (1...limit).lazy.map { $0 == 1 ? stem : "\(stem)-\($0)" }
    }
}
