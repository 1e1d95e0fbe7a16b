import Foundation
import Glibc

/// The one place segmentd reads the clock for a time it writes down.
///
/// Two formats, kept apart on purpose: daemon records (manifests' `started_at`/`finished_at`, the ledger, failure
/// reports, log lines) want the wall clock to the millisecond; a model's `created_at` wants a time a reproducible
/// build can pin with `SOURCE_DATE_EPOCH`, to the second.
package enum Timestamp {
    /// Wall-clock time as ISO 8601 UTC with milliseconds, e.g. `2025-01-31T12:00:00.123Z`.
    package static func now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return milliseconds(seconds: Int(now.tv_sec), nanoseconds: Int(now.tv_nsec))
    }

    /// `seconds` + `nanoseconds` since the epoch as ISO 8601 UTC with milliseconds (truncated, not rounded).
    package static func milliseconds(seconds: Int, nanoseconds: Int) -> String {
        var seconds = time_t(seconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let milliseconds = nanoseconds / 1_000_000
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2))"
            + ".\(pad(milliseconds, 3))Z"
    }

    /// The time stamped into models: `SOURCE_DATE_EPOCH` (seconds) when set and numeric, for reproducible files;
    /// otherwise now. ISO 8601 UTC to the second, e.g. `2026-01-01T00:00:00Z`.
    package static func reproducibleNow(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        let date =
            environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:))
            ?? Date()
        return date.formatted(.iso8601)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
