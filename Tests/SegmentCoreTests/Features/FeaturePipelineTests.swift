import Foundation
import Testing

import SegmentCore

/// Runs `pipeline.transform` on one row and returns (features, profile).
private func transformRow(_ pipeline: FeaturePipeline, _ row: [Double], medians: [Double]) -> ([Double], [Double]) {
    var raw = row
    var features = [Double](repeating: .nan, count: pipeline.featureCount)
    var profile = [Double](repeating: .nan, count: pipeline.profileColumns.count)
    raw.withUnsafeMutableBufferPointer { raw in
        features.withUnsafeMutableBufferPointer { features in
            profile.withUnsafeMutableBufferPointer { profile in
                pipeline.transform(raw: raw, medians: medians, profileOut: profile, featuresOut: features)
            }
        }
    }
    return (features, profile)
}

private let tierSpec = PipelineSpec(
    columns: ["A", "B"],
    derived: [DerivedFeature(name: "Sum", expr: "A + B")],
    features: [NumericFeature(name: "Sum", transform: .signedLog1p), NumericFeature(name: "B")],
    categorical: [
        CategoricalFeature(
            name: "Tier", categories: ["low", "mid", "high", "both"],
            rules: [
                .init(category: "both", when: "A > 0 and B > 0"),
                .init(category: "high", when: "Sum >= 100"),
                .init(category: "mid", when: "A > 0 or (B > 0 and not B > 50)"),
            ],
            default: "low")
    ])

@Suite("Feature pipeline")
struct FeaturePipelineTests {
    @Test("the first rule that holds picks the category; otherwise the default")
    func categoricalFirstMatch() throws {
        let pipeline = try FeaturePipeline(spec: tierSpec)
        #expect(pipeline.featureNames == ["Sum", "B", "Tier=low", "Tier=mid", "Tier=high", "Tier=both"])
        #expect(pipeline.numericFeatureCount == 2 && pipeline.oneHotCount == 4)
        let cases: [([Double], String)] = [
            ([200, 5], "both"),  // matches all three rules: the first wins
            ([200, 0], "high"),  // matches high and mid
            ([0, 120], "high"),
            ([3, 0], "mid"),
            ([0, 10], "mid"),
            ([0, 60], "low"),
            ([0, 0], "low"),
        ]
        for (row, category) in cases {
            let (features, _) = transformRow(pipeline, row, medians: [0, 0])
            let oneHot = Array(features[2...])
            let expected = ["low", "mid", "high", "both"].map { $0 == category ? 1.0 : 0.0 }
            #expect(oneHot == expected, "row \(row)")
        }
    }

    @Test("blanks are filled with the medians before deriving, and the profile holds raw then derived values")
    func imputationAndProfile() throws {
        let pipeline = try FeaturePipeline(spec: tierSpec)
        let (features, profile) = transformRow(pipeline, [.nan, 4], medians: [6, 1])
        #expect(profile == [6, 4, 10])
        #expect(features[0] == Foundation.log1p(10.0))
        #expect(features[1] == 4)
    }

    @Test("signed_log1p keeps the sign: sign(x)·log1p(|x|)")
    func signedLog() throws {
        let pipeline = try FeaturePipeline(spec: tierSpec)
        let (features, _) = transformRow(pipeline, [-30, 0], medians: [0, 0])
        #expect(features[0] == -Foundation.log1p(30.0))
        let (zero, _) = transformRow(pipeline, [0, 0], medians: [0, 0])
        #expect(zero[0] == 0)
    }

    @Test("featureMatrix equals transform row by row, across several parallel blocks")
    func batchMatchesRows() throws {
        let pipeline = try FeaturePipeline(spec: tierSpec)
        let rowCount = 20_000
        var values: [Double] = []
        for row in 0..<rowCount {
            values.append(row % 7 == 0 ? .nan : Double(row % 113) - 20)
            values.append(Double((row * 31) % 97))
        }
        let medians = pipeline.medians(of: values, rowCount: rowCount)
        let (features, profile) = pipeline.featureMatrix(values: values, rowCount: rowCount, medians: medians)
        #expect(features.count == rowCount * 6 && profile.count == rowCount * 3)
        for row in stride(from: 0, to: rowCount, by: 997) {
            let (expectedFeatures, expectedProfile) = transformRow(
                pipeline, Array(values[row * 2..<row * 2 + 2]), medians: medians)
            #expect(Array(features[row * 6..<row * 6 + 6]) == expectedFeatures)
            #expect(Array(profile[row * 3..<row * 3 + 3]) == expectedProfile)
        }
    }

    @Test("medians ignore blanks, average the two middle values for an even count, and are 0 with no values")
    func medianRules() throws {
        let spec = PipelineSpec(columns: ["Odd", "Even", "Empty", "Same"], features: [NumericFeature(name: "Odd")])
        let pipeline = try FeaturePipeline(spec: spec)
        let rows: [[Double]] = [
            [5, 4, .nan, 2], [1, .nan, .nan, 2], [7, 1, .nan, 2], [3, 10, .nan, 2], [9, 2, .nan, 2],
        ]
        let medians = pipeline.medians(of: rows.flatMap { $0 }, rowCount: rows.count)
        #expect(medians == [5, 3, 0, 2])
    }

    @Test("medians agree with sorting on large data with many ties")
    func medianSelectionMatchesSort() throws {
        let spec = PipelineSpec(columns: ["X", "Y"], features: [NumericFeature(name: "X")])
        let pipeline = try FeaturePipeline(spec: spec)
        var state: UInt64 = 12345
        var values: [Double] = []
        let rowCount = 100_001
        for row in 0..<rowCount {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Double(state >> 40) / 1000)
            values.append(row % 5 == 0 ? .nan : Double((state >> 33) % 50))
        }
        let medians = pipeline.medians(of: values, rowCount: rowCount)
        for column in 0..<2 {
            let sorted = stride(from: column, to: values.count, by: 2).map { values[$0] }.filter { !$0.isNaN }.sorted()
            let middle = sorted.count / 2
            let expected = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(medians[column] == expected)
        }
    }

    @Test("the scaler uses the population std, scales constant columns by 1 and leaves one-hot columns alone")
    func scaler() throws {
        let features: [Double] = [
            1, 7, 1,
            3, 7, 0,
            5, 7, 1,
            7, 7, 0,
        ]
        let scaler = StandardScaler.fit(features: features, rowCount: 4, columns: 3, scaledColumns: 2)
        #expect(scaler.mean == [4, 7])
        #expect(scaler.scale == [Double(5).squareRoot(), 1])
        var scaled = features
        scaler.transform(&scaled, rowCount: 4, columns: 3)
        let first = -3 / Double(5).squareRoot()
        #expect(Array(scaled[0..<3]) == [first, 0, 1])
        #expect(Array(scaled[9..<12]) == [-first, 0, 0])
    }

    @Test("the default spec describes the reference pipeline")
    func defaultSpec() throws {
        let pipeline = try FeaturePipeline(spec: .default)
        #expect(pipeline.inputColumns.count == 17)
        #expect(
            pipeline.derivedNames == ["Monthly_Avg_Purchase", "Monthly_Avg_Cash", "Limit_Usage", "Pay_to_MinimumPay"])
        #expect(pipeline.numericFeatureCount == 16 && pipeline.oneHotCount == 4)
        #expect(
            Array(pipeline.featureNames.suffix(4)) == [
                "Purchase_Type=none", "Purchase_Type=one_off", "Purchase_Type=installments", "Purchase_Type=both",
            ])
        #expect(PipelineSpec.default.features.allSatisfy { $0.transform == .signedLog1p })
        #expect(PipelineSpec.default.pca == .variance(0.85) && PipelineSpec.default.kmeans.k == .fixed(5))
    }

    @Test("specs built in code are checked too: unknown feature names are reported with a suggestion")
    func unknownFeature() throws {
        let spec = PipelineSpec(columns: ["BALANCE"], features: [NumericFeature(name: "BALANSE")])
        let error = try #require(throws: ConfigError.self) { try FeaturePipeline(spec: spec) }
        #expect(error.code == .unknownName)
        #expect(error.keyPath == "features[0].name")
        #expect(error.fix.contains("did you mean \"BALANCE\""))
        #expect(error.source == "pipeline spec")
    }
}
