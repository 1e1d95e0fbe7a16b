import Foundation
import MigrationPlugin
import SegmentPlugin
import Testing

/// Customers are keyed by the exact UTF-8 bytes of their ids: texts Swift's `==` calls equal (canonically
/// equivalent), ids one letter apart and numbers written differently are different customers.
@Suite struct ExactIDTests {
    typealias Row = MigrationHarness.Row

    @Test("é and e + U+0301, MÜLLER01 and MÖLLER01, 2 and 2.0 are different customers; the same bytes are one")
    func customersAreKeyedByExactBytes() throws {
        let plugin = try MigrationHarness.plugin(directory: try MigrationHarness.temporaryDirectory())
        let first = [
            Row(customer: "\u{E9}", segment: 0), Row(customer: "M\u{DC}LLER01", segment: 1),
            Row(customer: "2", segment: 2),
        ]
        _ = try MigrationHarness.run(plugin, name: "a.csv", sha256: "a", rows: first)
        let second = [
            Row(customer: "e\u{301}", segment: 4), Row(customer: "M\u{D6}LLER01", segment: 4),
            Row(customer: "2.0", segment: 4), Row(customer: "\u{E9}", segment: 4),
        ]
        let result = try MigrationHarness.run(plugin, name: "b.csv", sha256: "b", rows: second)
        #expect(result.previous == [nil, nil, nil, "Big Tickets"])
        #expect(result.migration == ["new", "new", "new", "downgrade"])
    }
}
