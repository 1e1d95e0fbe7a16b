/// The record formats segmentd reads and writes, chosen by file extension.
package enum RecordFormat: Sendable, Equatable {
    /// Comma-separated values (RFC 4180) with a header line: `.csv`.
    case csv
    /// One flat JSON object per line: `.jsonl` or `.ndjson`.
    case jsonl

    /// The format a path's extension names (letter case ignored).
    /// - Throws: `RecordError.Code.unknownFormat` for any other extension.
    package init(path: String) throws(RecordError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased()
        switch suffix {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonl
        default:
            throw RecordError(
                .unknownFormat, path: path,
                "Cannot tell the record format of \(path) from its extension"
                    + (suffix.map { " \".\($0)\"" } ?? " (it has none)")
                    + ". Use .csv for CSV or .jsonl / .ndjson for one JSON object per line.")
        }
    }
}
