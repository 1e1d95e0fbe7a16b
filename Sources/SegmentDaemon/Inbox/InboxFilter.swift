import SegmentSupport

/// Decides from its name alone whether an inbox entry can be an input at all.
///
/// Hidden names (a leading `.`, as rsync and many uploaders use while writing) and the usual in-progress suffixes
/// (`.tmp`, `.part`, `.partial`, `.crdownload`, in any letter case) are ignored; the file is taken once it is
/// renamed to its final name.
///
/// Of the names left, only those ending in ``inputExtensions`` (any letter case) are inputs: `.csv` for CSV,
/// `.jsonl` and `.ndjson` for JSON Lines. Any other name (`notes.txt`, `noext`) is left in the inbox untouched and
/// logged once at `warning` (see ``hasInputExtension(_:)``).
package enum InboxFilter {
    /// The extensions of input files, lower case, without the dot.
    package static let inputExtensions = ["csv", "jsonl", "ndjson"]

    /// Suffixes that mark a file still being written by some other program.
    package static let inProgressSuffixes = [".tmp", ".part", ".partial", ".crdownload"]

    /// True when a file called `name` may be taken as input.
    package static func accepts(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else { return false }
        let lowercased = name.lowercased()
        return !inProgressSuffixes.contains { lowercased.hasSuffix($0) }
    }

    /// True when `name` ends in one of ``inputExtensions`` (letter case ignored), after a stem that is not empty.
    package static func hasInputExtension(_ name: String) -> Bool {
        guard let found = Path.stemAndExtension(name).extension?.lowercased() else { return false }
        return inputExtensions.contains(found)
    }
}

/// Lists the names in the inbox that may be inputs (see ``InboxFilter``).
enum InboxScanner {
    /// Names in `directory` that pass the filter, sorted so scans are processed in a stable order.
    static func candidateNames(in directory: String) throws(Errno) -> [String] {
        try Syscall.directoryEntries(directory).filter(InboxFilter.accepts).sorted()
    }
}
