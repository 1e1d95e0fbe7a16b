import Foundation

/// The time stamped into models: `SOURCE_DATE_EPOCH` when set (reproducible builds), otherwise now.
enum Timestamp {
    static func now() -> String {
        let environment = ProcessInfo.processInfo.environment
        let date = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:)) ?? Date()
        return date.formatted(.iso8601)
    }
}
