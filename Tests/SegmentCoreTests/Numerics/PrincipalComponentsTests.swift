import Foundation
import Testing
@testable import SegmentCore

@Suite("PrincipalComponents")
struct PrincipalComponentsTests {
    /// Variance 8/3 along x and 2/3 along y, centred at the origin: computable by hand.
    let axisAligned = Matrix(rows: 4, columns: 2, values: [2, 0, -2, 0, 0, 1, 0, -1])

    @Test("finds the hand-computed components, variances and projection")
    func handComputedCase() throws {
        let pca = try PrincipalComponents.fit(axisAligned, selection: .count(2))
        #expect(pca.mean == [0, 0])
        #expect(isClose(pca.explainedVariance, [8.0 / 3, 2.0 / 3]))
        #expect(isClose(pca.explainedVarianceRatio, [0.8, 0.2]))
        #expect(isClose(pca.components.values, [1, 0, 0, 1]))
        #expect(isClose(pca.project(axisAligned).values, [2, 0, -2, 0, 0, 1, 0, -1]))
    }

    @Test("a variance share reached exactly keeps only the components needed")
    func varianceShareReachedExactly() throws {
        #expect(try PrincipalComponents.fit(axisAligned, selection: .varianceShare(0.8)).keptCount == 1)
        #expect(try PrincipalComponents.fit(axisAligned, selection: .varianceShare(0.81)).keptCount == 2)
        #expect(try PrincipalComponents.fit(numpyInput, selection: .varianceShare(0.85)).keptCount == 1)
        #expect(try PrincipalComponents.fit(numpyInput, selection: .varianceShare(0.95)).keptCount == 2)
        #expect(try PrincipalComponents.fit(numpyInput, selection: .varianceShare(1)).keptCount == 4)
    }

    // Expected values: NumPy 2.4 (np.cov + np.linalg.eigh, sorted descending, largest loading made
    // positive), cross-checked with scikit-learn 1.9 PCA, computed once for `numpyInput`.
    @Test("matches NumPy on a small random matrix")
    func matchesNumPy() throws {
        let pca = try PrincipalComponents.fit(numpyInput, selection: .count(2))
        #expect(isClose(pca.mean, [1.0742, -2.5065, -0.0106, 4.8336]))
        #expect(
            isClose(
                pca.explainedVariance,
                [16.617913454322334, 1.8036487265727332, 0.15043651815302864, 0.11874273428524044]))
        #expect(
            isClose(
                pca.explainedVarianceRatio,
                [0.8890986755980536, 0.09649958151772836, 0.008048718596295917, 0.006353024287922198]))
        #expect(
            isClose(
                pca.components.values,
                [
                    0.7619194986871127, -0.08916338869739004, 0.0621582603004874, 0.638486427665298,
                    -0.6015551376879432, 0.2693503005375018, 0.08748284017398, 0.7469461724894844,
                ]))
        let projected = pca.project(numpyInput)
        #expect(
            isClose(
                Array(projected.values[0..<4]),
                [-2.5257060090908006, -1.9005078746973725, 1.733290543046504, 0.9287895030525825]))
    }

    @Test("the largest loading of every component is positive")
    func signConvention() throws {
        // Spread along (1, −2): the component must come out as (−1, 2)/√5, whatever sign LAPACK returns.
        let line = Matrix(rows: 3, columns: 2, values: [1, -2, 0, 0, -1, 2.1])
        let pca = try PrincipalComponents.fit(line, selection: .count(2))
        #expect(pca.components[0, 1] > 0 && pca.components[0, 0] < 0)
        for fitted in [pca, try PrincipalComponents.fit(numpyInput, selection: .count(4))] {
            for component in 0..<fitted.keptCount {
                let loadings = Array(fitted.components.row(component))
                let largest = try #require(loadings.max { abs($0) < abs($1) })
                #expect(largest > 0)
            }
        }
    }

    @Test("projecting one row without allocating equals projecting the matrix")
    func rowProjectionMatchesMatrix() throws {
        let pca = try PrincipalComponents.fit(numpyInput, selection: .count(3))
        let projected = pca.project(numpyInput)
        var output = [Double](repeating: 0, count: 3)
        for row in 0..<numpyInput.rows {
            numpyInput.withUnsafeRow(row) { input in
                output.withUnsafeMutableBufferPointer { pca.project(row: input, into: $0) }
            }
            #expect(output == Array(projected.row(row)))
        }
    }

    @Test("the blocked parallel covariance equals a direct two-pass sum")
    func blockedCovarianceMatchesDirectSum() throws {
        let x = overlappingCloud(rows: 17000, dimensions: 3, seed: 6)
        let means = (0..<3).map { column in (0..<x.rows).reduce(0.0) { $0 + x[$1, column] } / Double(x.rows) }
        var direct = [Double](repeating: 0, count: 9)
        for row in 0..<x.rows {
            for i in 0..<3 {
                for j in 0..<3 {
                    direct[i * 3 + j] += (x[row, i] - means[i]) * (x[row, j] - means[j]) / Double(x.rows - 1)
                }
            }
        }
        #expect(isClose(Covariance.matrix(of: x, means: means), direct, tolerance: 1e-12))
        #expect(isClose(try ColumnStatistics.means(of: x, operation: "test"), means, tolerance: 1e-12))
    }

    @Test("rejects NaN naming its row and column, too few rows, constant data and bad selections")
    func rejectsBadInput() {
        var withNaN = numpyInput
        withNaN[3, 2] = .nan
        let nanError = #expect(throws: NumericError.self) { try PrincipalComponents.fit(withNaN, selection: .count(2)) }
        #expect(nanError?.code == .nonFiniteValue && nanError?.row == 3 && nanError?.column == 2)
        let oneRow = Matrix(rows: 1, columns: 2, values: [1, 2])
        #expect(throws: NumericError.self) { try PrincipalComponents.fit(oneRow, selection: .count(1)) }
        let constant = Matrix(rows: 3, columns: 2, repeating: 4)
        let constantError = #expect(throws: NumericError.self) {
            try PrincipalComponents.fit(constant, selection: .count(1))
        }
        #expect(constantError?.code == .constantData)
        for selection in [ComponentSelection.count(0), .count(5), .varianceShare(0), .varianceShare(1.5)] {
            let error = #expect(throws: NumericError.self) {
                try PrincipalComponents.fit(numpyInput, selection: selection)
            }
            #expect(error?.code == .invalidComponentSelection)
        }
    }

    @Test("round-trips through JSON, and the selection encodes as a one-key object")
    func codable() throws {
        let pca = try PrincipalComponents.fit(numpyInput, selection: .varianceShare(0.9))
        #expect(try JSONDecoder().decode(PrincipalComponents.self, from: JSONEncoder().encode(pca)) == pca)
        let selection = try JSONEncoder().encode(ComponentSelection.varianceShare(0.85))
        #expect(String(decoding: selection, as: UTF8.self) == #"{"varianceShare":0.85}"#)
        #expect(try JSONDecoder().decode(ComponentSelection.self, from: Data(#"{"count":3}"#.utf8)) == .count(3))
    }
}

/// 10 × 4 draws from NumPy's default_rng(20240611), scaled, shifted, with column 3 correlated to column 0,
/// rounded to 3 decimals.
let numpyInput = Matrix(
    rows: 10, columns: 4,
    values: [
        0.366, -2.518, 0.075, 1.713, 1.853, -2.322, -0.363, 6.679, -4.854, -2.158, -0.366, 1.936,
        2.327, -2.928, -0.467, 3.922, -1.363, -1.681, 0.429, 4.368, 1.104, -2.867, 0.098, 4.252,
        1.719, -2.203, 0.428, 6.78, 5.106, -2.408, 0.378, 9.535, 6.09, -3.962, 0.437, 7.825,
        -1.606, -2.018, -0.755, 1.326,
    ])

func isClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}
