import SegmentSupport
/// Lists the names in the inbox that may be inputs (see ``InboxFilter``).
enum InboxScanner {
    /// Names in `directory` that pass the filter, sorted so scans are processed in a stable order.
    static func candidateNames(in directory: String) throws(Errno) -> [String] {
        try Syscall.directoryEntries(directory).filter(InboxFilter.accepts).sorted()
    }
}
