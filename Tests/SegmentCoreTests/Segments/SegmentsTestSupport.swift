import Foundation

/// Paths and column names shared by the segment tests.
enum SegmentsTestSupport {
    /// The package root, found from this file's location (`Tests/SegmentCoreTests/Segments/…`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let rawColumns = [
        "BALANCE", "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
        "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
        "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS",
        "MINIMUM_PAYMENTS", "PRC_FULL_PAYMENT", "TENURE",
    ]
    static let derivedColumns = ["Monthly_Avg_Purchase", "Monthly_Avg_Cash", "Limit_Usage", "Pay_to_MinimumPay"]
    static let allColumns = rawColumns + derivedColumns
}
