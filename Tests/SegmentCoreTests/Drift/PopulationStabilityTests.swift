import Foundation
import SegmentCore
import SegmentdTestSupport
import Testing

/// The population stability index and its bins equal numpy's, computed live by Tests/Python/psi_reference.py.
struct PopulationStabilityTests {
    /// One feature's training and scored values.
    struct Case {
        var name: String
        var training: [Double]
        var actual: [Double]
    }

    /// Columns of generated customers with heavy ties at 0 (PURCHASES, CASH_ADVANCE), few distinct values (TENURE),
    /// a shifted one, a constant one (a single edge: two bins) and one whose scored values all fall in the last
    /// bin (empty bins, counted with epsilon).
    static func cases() -> [Case] {
        let training = SyntheticCustomers(seed: 11)
        let scored = SyntheticCustomers(seed: 12)
        func column(_ name: String, _ customers: SyntheticCustomers, rows: Int, scale: Double = 1, plus: Double = 0)
            -> [Double]
        {
            let index = (SyntheticCustomers.columns.firstIndex(of: name) ?? 1) - 1
            return (0..<rows).map { customers.values(ofRow: $0)[index] * scale + plus }
        }
        return [
            Case(
                name: "BALANCE", training: column("BALANCE", training, rows: 5_000),
                actual: column("BALANCE", scored, rows: 3_000)),
            Case(
                name: "PURCHASES", training: column("PURCHASES", training, rows: 5_000),
                actual: column("PURCHASES", scored, rows: 3_000, scale: 2)),
            Case(
                name: "CASH_ADVANCE", training: column("CASH_ADVANCE", training, rows: 5_000),
                actual: column("CASH_ADVANCE", scored, rows: 3_000)),
            Case(
                name: "TENURE", training: column("TENURE", training, rows: 5_000),
                actual: column("TENURE", scored, rows: 3_000)),
            Case(name: "ZERO", training: Array(repeating: 0, count: 5_000), actual: Array(repeating: 0, count: 3_000)),
            Case(
                name: "FAR", training: column("BALANCE", training, rows: 5_000),
                actual: column("BALANCE", scored, rows: 3_000, plus: 1e6)),
        ]
    }

    @Test("PSI over the training deciles equals numpy's within 1e-9, and so do the deciles")
    func psiEqualsNumpy() throws {
        let cases = Self.cases()
        let bins = cases.map { DriftReference.bins(of: $0.training, name: $0.name) }
        let reference = DriftReference(
            features: bins, segmentShares: [],
            confidence: .init(mean: 0, bounds: [1], proportions: [1]), silhouette: 0)
        // The scored values go through the scoring loop's binning, as the daemon counts them.
        let binning = DriftBinning(reference)
        var counts = [Int](repeating: 0, count: binning.countCount)
        let rows = cases[0].actual.count
        for row in 0..<rows {
            let values = cases.map { $0.actual[row] }
            values.withUnsafeBufferPointer { values in
                counts.withUnsafeMutableBufferPointer { counts in
                    guard let values = values.baseAddress, let counts = counts.baseAddress else { return }
                    binning.count(values, into: counts)
                }
            }
        }
        let report = DriftReport(
            reference: reference, stridedCounts: counts, inputColumnCount: cases.count, segmentRows: [rows],
            confidenceSum: 0, lowConfidenceRows: 0, lowConfidenceThreshold: 0.5)

        let numpy = try Self.numpy(cases: cases, bins: bins)
        for (index, feature) in report.features.enumerated() {
            let expected = try #require(numpy[feature.name], "numpy computed \(feature.name)")
            #expect(abs(feature.psi - expected.psi) <= 1e-9, "\(feature.name): \(feature.psi) vs \(expected.psi)")
            #expect(bins[index].edges.count == expected.deciles.count, "\(feature.name) edges")
            for (edge, decile) in zip(bins[index].edges, expected.deciles) {
                #expect(abs(edge - decile) <= 1e-9 * max(1, abs(decile)), "\(feature.name): \(edge) vs \(decile)")
            }
        }
        let psi = Dictionary(uniqueKeysWithValues: report.features.map { ($0.name, $0.psi) })
        #expect((psi["BALANCE"] ?? 1) < 0.05, "same distribution")
        #expect((psi["PURCHASES"] ?? 0) > 0.1, "doubled")
        #expect(psi["ZERO"] == 0, "a constant column")
        #expect((psi["FAR"] ?? 0) > 5, "every scored value in the last bin: the empty bins count with epsilon")
        #expect(report.maximum?.name == "FAR")
    }

    @Test("ties at 0 collapse into one bin, a constant column has two bins, and every column at least two")
    func decileEdgesCollapseTies() {
        let mostlyZero = Array(repeating: 0.0, count: 60) + (1...40).map(Double.init)
        let bins = DriftReference.bins(of: mostlyZero, name: "x")
        #expect(bins.edges.first == 0)
        #expect(bins.edges.count == 5, "\(bins.edges)")
        #expect(bins.proportions.first == 0.6, "the zeros are one bin")
        #expect(abs(bins.proportions.reduce(0, +) - 1) < 1e-12)
        let constant = DriftReference.bins(of: Array(repeating: 3.5, count: 10), name: "c")
        #expect(constant.edges == [3.5])
        #expect(constant.proportions == [1, 0])
        #expect(DriftReference.bins(of: [], name: "none").edges == [0])
    }

    @Test("an empty bin counts with epsilon 1e-4 on either side")
    func emptyBinsCountWithEpsilon() {
        #expect(PopulationStability.epsilon == 1e-4)
        let e = 1e-4
        let psi = PopulationStability.index(actual: [1, 0], expected: [0.5, 0.5])
        let expected = (1 - 0.5) * log(1 / 0.5) + (e - 0.5) * log(e / 0.5)
        #expect(abs(psi - expected) < 1e-15)
        #expect(PopulationStability.index(actual: [0.2, 0.8], expected: [0.2, 0.8]) == 0)
    }

    /// What numpy says for each case, over segmentd's edges.
    static func numpy(cases: [Case], bins: [DriftReference.FeatureBins]) throws -> [String: (
        psi: Double, deciles: [Double]
    )] {
        func list(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ",") + "]" }
        let features = zip(cases, bins).map { item, bins in
            "{\"name\":\"\(item.name)\",\"training\":\(list(item.training)),\"actual\":\(list(item.actual)),"
                + "\"edges\":\(list(bins.edges))}"
        }
        let document = "{\"features\":[" + features.joined(separator: ",") + "]}"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("psi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("cases.json")
        try Data(document.utf8).write(to: input)
        // PythonScript throws, naming the script and what it printed, when the reference fails.
        let data = Data(try PythonScript.run("psi_reference.py", [input.path]))
        let decoded = try JSONDecoder().decode([String: NumpyResult].self, from: data)
        return decoded.mapValues { ($0.psi, $0.deciles) }
    }

    struct NumpyResult: Decodable {
        var psi: Double
        var deciles: [Double]
    }
}
