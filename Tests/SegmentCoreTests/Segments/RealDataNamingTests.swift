import Foundation
import Testing

@testable import SegmentCore

/// Names the scikit-learn reference k = 5 clusters of CC_GENERAL with the default archetypes.
@Suite("Real-data naming")
struct RealDataNamingTests {
    private static let csv = SegmentsTestSupport.packageRoot.appending(path: "../shared/data/CC_GENERAL.csv")
    private static let reference = SegmentsTestSupport.packageRoot.appending(
        path: "../shared/reference/cc_general_sklearn.json")
    private static let dataIsPresent =
        FileManager.default.fileExists(atPath: csv.path) && FileManager.default.fileExists(atPath: reference.path)

    private struct Dataset {
        var values: [Double] = []
        var rowCount = 0
        var labels: [Int32] = []
    }

    /// Raw columns with blanks imputed by the reference medians, then the derived columns (x / 0 = 0).
    private static func load() throws -> Dataset {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as? [String: Any])
        let medians = try #require(json["imputed_medians"] as? [String: Double])
        let labels = try #require(json["k5_labels"] as? [Int])
        let lines = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let indices = try SegmentsTestSupport.rawColumns.map { try #require(header.firstIndex(of: $0)) }
        func ratio(_ numerator: Double, _ denominator: Double) -> Double {
            denominator == 0 ? 0 : numerator / denominator
        }
        var dataset = Dataset()
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            var row: [String: Double] = [:]
            for (column, index) in zip(SegmentsTestSupport.rawColumns, indices) {
                if let value = Double(fields[index]) {
                    row[column] = value
                } else {
                    let median: Double = try #require(medians[column], "blank \(column) without a reference median")
                    row[column] = median
                }
            }
            let raw = SegmentsTestSupport.rawColumns.map { row[$0] ?? 0 }
            let get = { (name: String) in row[name] ?? 0 }
            dataset.values +=
                raw + [
                    ratio(get("PURCHASES"), get("TENURE")), ratio(get("CASH_ADVANCE"), get("TENURE")),
                    ratio(get("BALANCE"), get("CREDIT_LIMIT")), ratio(get("PAYMENTS"), get("MINIMUM_PAYMENTS")),
                ]
            dataset.rowCount += 1
        }
        dataset.labels = labels.map { Int32($0) }
        try #require(dataset.labels.count == dataset.rowCount)
        return dataset
    }

    @Test(.enabled(if: dataIsPresent, "needs /work/shared data"))
    func referenceClustersGetFiveDistinctFittingNames() throws {
        let data = try Self.load()
        let columns = SegmentsTestSupport.allColumns
        let profiles = SegmentProfiler.profiles(
            values: data.values, rowCount: data.rowCount, columns: columns, labels: data.labels, k: 5)
        let archetypes = try SegmentArchetypes(toml: SegmentArchetypes.defaultTOML)
        try archetypes.validate(knownColumns: columns)
        let names = SegmentNamer.assign(profiles: profiles, archetypes: archetypes)
        #expect(Set(names.map(\.archetype)).count == 5)
        #expect(names.allSatisfy { !$0.isFallback && $0.score > 0 })

        func difference(_ profile: SegmentProfile, _ column: String) -> Double {
            profile.features.first { $0.name == column }?.standardizedDifference ?? 0
        }
        func segment(named name: String) -> Int? { names.first { $0.archetype == name }?.segment }
        func extreme(_ column: String, highest: Bool) -> Int? {
            let ordered = profiles.sorted { difference($0, column) < difference($1, column) }
            return (highest ? ordered.last : ordered.first)?.id
        }
        // Each name goes to the cluster that is most extreme on the archetype's defining trait.
        #expect(segment(named: "Big Tickets") == extreme("PURCHASES", highest: true))
        #expect(segment(named: "Medium Tickets") == extreme("PURCHASES_INSTALLMENTS_FREQUENCY", highest: true))
        #expect(segment(named: "Rare Purchasers") == extreme("PURCHASES_FREQUENCY", highest: false))
        #expect(segment(named: "Beginners") == extreme("BALANCE_FREQUENCY", highest: false))
        #expect(segment(named: "Risk") == extreme("CASH_ADVANCE_FREQUENCY", highest: true))
    }
}
