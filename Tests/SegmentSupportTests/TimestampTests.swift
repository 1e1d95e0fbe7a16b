import SegmentSupport
import Testing

@Suite("Timestamp")
struct TimestampTests {
    @Test("daemon times are ISO 8601 UTC with milliseconds, truncated")
    func milliseconds() {
        #expect(Timestamp.milliseconds(seconds: 1_738_324_800, nanoseconds: 123_999_999) == "2025-01-31T12:00:00.123Z")
        #expect(Timestamp.milliseconds(seconds: 0, nanoseconds: 5_000_000) == "1970-01-01T00:00:00.005Z")
    }

    @Test("now() has the daemon's shape")
    func nowShape() throws {
        let shape = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#)
        #expect(Timestamp.now().wholeMatch(of: shape) != nil)
    }

    @Test("model times take SOURCE_DATE_EPOCH, to the second")
    func sourceDateEpoch() {
        #expect(Timestamp.reproducibleNow(environment: ["SOURCE_DATE_EPOCH": "1767225600"]) == "2026-01-01T00:00:00Z")
    }

    @Test("without a numeric SOURCE_DATE_EPOCH, model times are now, to the second")
    func withoutSourceDateEpoch() throws {
        let shape = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"#)
        for environment in [[:], ["SOURCE_DATE_EPOCH": "soon"]] {
            let before = Timestamp.now()
            let stamp = Timestamp.reproducibleNow(environment: environment)
            let after = Timestamp.now()
            #expect(stamp.wholeMatch(of: shape) != nil, "\(stamp)")
            #expect([before.prefix(10), after.prefix(10)].contains(stamp.prefix(10)), "\(stamp)")
        }
    }
}
