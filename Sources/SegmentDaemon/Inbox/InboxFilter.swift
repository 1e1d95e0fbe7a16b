/// Decides from its name alone whether an inbox entry can be an input at all.
///
/// Hidden names (a leading `.`, as rsync and many uploaders use while writing) and the usual in-progress suffixes
/// (`.tmp`, `.part`, `.partial`, `.crdownload`, in any letter case) are ignored; the file is taken once it is
/// renamed to its final name.
public enum InboxFilter {
    /// Suffixes that mark a file still being written by some other program.
    public static let inProgressSuffixes = [".tmp", ".part", ".partial", ".crdownload"]

    /// True when a file called `name` may be taken as input.
    public static func accepts(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/") else { return false }
        let lowercased = name.lowercased()
        return !inProgressSuffixes.contains { lowercased.hasSuffix($0) }
    }
}
