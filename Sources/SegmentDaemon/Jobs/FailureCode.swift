/// Why an input could not be processed: the `failure.reason` of its manifest, one word an ETL job can branch on
/// (the `failure.message` beside it says the same in words for a person). docs/manifest.md lists them.
enum FailureCode: String, Sendable, Codable, CaseIterable {
    /// A symbolic link, a directory, a device, socket or pipe: the daemon takes regular files only.
    case notRegularFile = "not_regular_file"
    /// The daemon's user may not read it.
    case unreadable
    /// It has 0 bytes.
    case empty
    /// The scorer refused the whole file (a header without a required column, a malformed record format, …).
    case invalidInput = "invalid_input"
    /// Rows were read but none scored, or the share of rejected rows is above `max_reject_share`.
    case tooManyRejects = "too_many_rejects"
    /// A name made from the input's is too long for the filesystem.
    case nameTooLong = "name_too_long"
    /// Every output name derived from the input's is taken in the outbox.
    case namesTaken = "names_taken"
    /// The scorer reported success without writing an output (a bug in the scorer).
    case scorerError = "scorer_error"
}

/// What scoring a file that then failed (`too_many_rejects`) left in the outbox: its counts, the plugins that ran,
/// and the rejects file and artifacts that were published so the operator sees why.
struct FailedScoring: Sendable {
    var counts: ProcessedCounts
    var plugins: [PluginRecord]
    /// Suffixes of the artifacts published (`<stem>.<suffix>`).
    var artifacts: [String]
    var digest: ContentDigest
}
