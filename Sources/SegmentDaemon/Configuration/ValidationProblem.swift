/// One thing `segmentd validate` found wrong, with the configuration key it concerns.
public struct ValidationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The configuration key (e.g. `archive_dir`), or `config` for the file as a whole.
    public var key: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Makes a problem report.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    public var description: String { "\(key): \(message)" }
}
