import Foundation
import Testing

import SegmentCore

/// The shared data directory, `../shared` from the package root.
private let sharedDirectory = URL(filePath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "../shared").standardized

/// The parts of `cc_general_sklearn.json` these tests use.
private struct Reference: Decodable {
    var rows: Int
    var imputedMedians: [String: Double]
    var numericFeatures: [String]
    var scalerMean: [Double]
    var scalerScale: [Double]

    enum CodingKeys: String, CodingKey {
        case rows
        case imputedMedians = "imputed_medians"
        case numericFeatures = "numeric_features"
        case scalerMean = "scaler_mean"
        case scalerScale = "scaler_scale"
    }
}

/// A deliberately small CSV reader for the well-formed CC_GENERAL file: header, then rows of plain fields;
/// empty fields become NaN. Returns the values of `columns`, row-major.
private func readCSV(_ url: URL, columns: [String]) throws -> (values: [Double], rowCount: Int) {
    let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let positions = try columns.map { column in try #require(header.firstIndex(of: column), "column \(column)") }
    var values: [Double] = []
    for line in lines.dropFirst() {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        for position in positions {
            values.append(fields[position].isEmpty ? .nan : try #require(Double(fields[position])))
        }
    }
    return (values, lines.count - 1)
}

@Suite("CC_GENERAL reference")
struct ReferenceTests {
    private let reference: Reference
    private let pipeline: FeaturePipeline
    private let values: [Double]
    private let rowCount: Int

    init() throws {
        let json = try Data(contentsOf: sharedDirectory.appending(path: "reference/cc_general_sklearn.json"))
        reference = try JSONDecoder().decode(Reference.self, from: json)
        pipeline = try FeaturePipeline(spec: .default)
        (values, rowCount) = try readCSV(
            sharedDirectory.appending(path: "data/CC_GENERAL.csv"), columns: pipeline.inputColumns)
    }

    @Test("medians of the columns with blanks equal scikit-learn's imputed medians exactly")
    func medians() throws {
        #expect(rowCount == reference.rows)
        let medians = pipeline.medians(of: values, rowCount: rowCount)
        for (column, expected) in reference.imputedMedians {
            let index = try #require(pipeline.inputColumns.firstIndex(of: column))
            #expect(medians[index] == expected, "\(column)")
        }
    }

    @Test("numeric features and scaler mean and scale match scikit-learn within 1e-12 relative")
    func scaler() throws {
        #expect(Array(pipeline.featureNames.prefix(pipeline.numericFeatureCount)) == reference.numericFeatures)
        let medians = pipeline.medians(of: values, rowCount: rowCount)
        let (features, _) = pipeline.featureMatrix(values: values, rowCount: rowCount, medians: medians)
        let scaler = StandardScaler.fit(
            features: features, rowCount: rowCount, columns: pipeline.featureCount,
            scaledColumns: pipeline.numericFeatureCount)
        #expect(scaler.mean.count == reference.scalerMean.count)
        for (index, name) in reference.numericFeatures.enumerated() {
            let meanError = abs(scaler.mean[index] - reference.scalerMean[index]) / abs(reference.scalerMean[index])
            let scaleError = abs(scaler.scale[index] - reference.scalerScale[index]) / abs(reference.scalerScale[index])
            #expect(meanError <= 1e-12, "mean of \(name): \(scaler.mean[index]) vs \(reference.scalerMean[index])")
            #expect(scaleError <= 1e-12, "scale of \(name): \(scaler.scale[index]) vs \(reference.scalerScale[index])")
        }
    }
}
