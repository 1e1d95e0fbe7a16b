/// Row counts of one processed file.
public struct ProcessedCounts: Sendable, Equatable, Codable {
    /// Data rows read from the input (header not counted).
    public var rowsRead: Int
    /// Rows written to the scored output.
    public var rowsScored: Int
    /// Rows written to the rejects file.
    public var rowsRejected: Int

    /// Makes counts.
    public init(rowsRead: Int, rowsScored: Int, rowsRejected: Int) {
        self.rowsRead = rowsRead
        self.rowsScored = rowsScored
        self.rowsRejected = rowsRejected
    }

    enum CodingKeys: String, CodingKey {
        case rowsRead = "read"
        case rowsScored = "scored"
        case rowsRejected = "rejected"
    }
}

/// What the daemon runs on each complete input file. The CLI adapts the real scorer to it; tests use fakes.
///
/// The daemon calls `process` from several threads at once, one file per call, so an implementation keeps no
/// mutable state. It must be deterministic: the same input must give byte-identical outputs, because after a crash
/// the daemon processes the file again from scratch.
public protocol FileProcessor: Sendable {
    /// Scores `input` into `output` and `rejects` (both paths the daemon chooses; their extension says the format:
    /// `.csv` or `.jsonl`); returns the counts. Throws for whole-file failures; a thrown error's description
    /// is shown to people in the `.error.json` beside the failed file, so it should say what is wrong and how to fix it.
    func process(input: String, output: String, rejects: String) throws -> ProcessedCounts

    /// Version of the model the processor scores with; it is written into every manifest.
    var modelVersion: String { get }
}

/// Builds the processor for a configuration: loads the model and pipeline it names.
/// Called at start and on every reload (SIGHUP); a throw keeps the previous processor.
public typealias FileProcessorFactory = @Sendable (DaemonConfiguration) throws -> any FileProcessor
