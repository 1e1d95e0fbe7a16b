import Foundation
import SegmentCore
import SegmentdTestSupport
import Testing

/// The adjusted Rand index equals scikit-learn's formula computed by numpy (Tests/Python/ari_reference.py).
struct AdjustedRandIndexTests {
    @Test("ARI equals the numpy reference within 1e-12 on random, related and degenerate labellings")
    func equalsNumpyReference() throws {
        var random = SegmentCore.SeededGenerator(seed: 17)
        var cases: [(first: [Int], second: [Int])] = []
        // Independent labellings (about 0), a noisy copy (between 0 and 1), a relabelled copy (1), uneven sizes.
        let first = (0..<5_000).map { _ in random.nextInt(below: 6) }
        cases.append((first, (0..<5_000).map { _ in random.nextInt(below: 4) }))
        cases.append((first, first.map { random.nextDouble() < 0.2 ? random.nextInt(below: 6) : $0 }))
        cases.append((first, first.map { ($0 + 3) % 6 }))
        cases.append((first, first.map { $0 < 2 ? 0 : $0 }))
        cases.append(([0, 0, 1, 1], [0, 1, 0, 1]))
        cases.append(([0, 0, 0], [0, 0, 0]))
        cases.append(([0, 0, 0, 1], [0, 1, 2, 3]))
        func list(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }
        let document =
            "{\"cases\":["
            + cases.map { "{\"first\":\(list($0.first)),\"second\":\(list($0.second))}" }.joined(separator: ",") + "]}"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ari-\(UUID().uuidString).json")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let expected = try JSONDecoder().decode(
            [Double].self, from: Data(PythonScript.run("ari_reference.py", [file.path])))
        try #require(expected.count == cases.count)
        for (index, item) in cases.enumerated() {
            let ari = AdjustedRandIndex.index(item.first, item.second)
            #expect(abs(ari - expected[index]) <= 1e-12, "case \(index): \(ari) vs numpy \(expected[index])")
        }
        #expect(AdjustedRandIndex.index(cases[2].first, cases[2].second) == 1, "a relabelling is the same partition")
        #expect(abs(AdjustedRandIndex.index(cases[0].first, cases[0].second)) < 0.01, "independent: about 0")
    }

    @Test("hand-checked values: identical 1, the 2x2 crossing -0.5, no rows 1")
    func handCheckedValues() {
        #expect(AdjustedRandIndex.index([0, 1, 1, 2], [0, 1, 1, 2]) == 1)
        // [0,0,1,1] against [0,1,0,1]: no pair together in both; E = 2*2/6, M = 2: (0 - 2/3) / (2 - 2/3) = -0.5.
        #expect(abs(AdjustedRandIndex.index([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-15)
        #expect(AdjustedRandIndex.index(table: [], rows: 0, columns: 0) == 1)
        #expect(AdjustedRandIndex.index(table: [2, 0, 0, 2], rows: 2, columns: 2) == 1)
    }
}
