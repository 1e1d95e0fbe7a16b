public import Foundation

/// The shared material beside the project (`../shared`): the real credit-card file the tests read and never copy.
public enum SharedData {
    /// `../shared/data/CC_GENERAL.csv`, from this file's place in the source tree.
    public static var creditCards: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/data/CC_GENERAL.csv")
    }

    /// True when the file is there, or when CI requires it (`SEGMENTD_REQUIRE_REFERENCE=1`): then a missing file
    /// fails the tests that read it instead of skipping them.
    public static var creditCardsRequired: Bool {
        FileManager.default.fileExists(atPath: creditCards.path)
            || ProcessInfo.processInfo.environment["SEGMENTD_REQUIRE_REFERENCE"] == "1"
    }
}
