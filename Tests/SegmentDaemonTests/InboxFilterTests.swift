import Testing
@testable import SegmentDaemon

@Suite("Inbox filter")
struct InboxFilterTests {
    @Test(
        "ordinary input names are accepted",
        arguments: ["customers.csv", "batch-2024.jsonl", "data", "a.b.csv", "part.csv"])
    func acceptsOrdinaryNames(name: String) {
        #expect(InboxFilter.accepts(name))
    }

    @Test(
        "hidden and in-progress names are ignored",
        arguments: [
            ".customers.csv", ".customers.csv.Xy12ab", "upload.tmp", "upload.csv.part", "x.partial", "x.crdownload",
            "X.CSV.PART", "y.TMP", "",
        ]
    )
    func ignoresInProgressNames(name: String) {
        #expect(!InboxFilter.accepts(name))
    }
}
