import Foundation
import SegmentCore
import Testing

/// The model document round-trips, and loading refuses wrong, old and corrupt files with a clear message.
struct ModelDocumentTests {
    /// A model trained on 2,000 synthetic customers.
    static let model: Result<SegmentModel, any Error> = Result {
        let pipeline = try FeaturePipeline(spec: .default)
        let customers = SyntheticCustomers(seed: 5)
        let rowCount = 2_000
        var values: [Double] = []
        values.reserveCapacity(rowCount * pipeline.inputColumns.count)
        for row in 0..<rowCount {
            let record = customers.values(ofRow: row)
            for column in pipeline.inputColumns {
                let index = try #require(SyntheticCustomers.columns.firstIndex(of: column))
                values.append(record[index - 1])
            }
        }
        return try ModelTrainer.train(
            rows: TrainingRows(values: values, rowCount: rowCount), spec: .default,
            archetypes: try SegmentArchetypes(toml: SegmentArchetypes.defaultTOML),
            options: TrainingOptions(
                createdAt: "2026-01-01T00:00:00Z",
                trainingData: .init(source: "synthetic.csv", rows: 0, rejected: 0, sha256: "00")
            )
        ).model
    }

    @Test func aSealedModelLoadsBackEqual() throws {
        let model = try Self.model.get()
        let loaded = try SegmentModel.load(from: try model.jsonData(), source: "memory")
        #expect(loaded == model)
        #expect(model.modelVersion.hasPrefix("m-"))
        #expect(model.checksum?.hasPrefix("sha256:") == true)
    }

    @Test func anEditedValueIsRefusedAsCorrupt() throws {
        var text = String(decoding: try Self.model.get().jsonData(), as: UTF8.self)
        let range = try #require(text.range(of: "\"inertia\" : "))
        text.insert("1", at: range.upperBound)
        #expect {
            try SegmentModel.load(from: Data(text.utf8), source: "edited.json")
        } throws: { error in
            "\(error)".contains("edited.json") && "\(error)".contains("corrupt")
        }
    }

    @Test func anotherFormatVersionIsRefusedNamingBothVersions() throws {
        var text = String(decoding: try Self.model.get().jsonData(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"format_version\" : 2", with: "\"format_version\" : 7")
        #expect {
            try SegmentModel.load(from: Data(text.utf8), source: "future.json")
        } throws: { error in
            "\(error)".contains("format_version 7") && "\(error)".contains("versions 1 and 2")
        }
    }

    @Test("a format-1 model (no drift reference) still loads and scores, with a warning that drift is off")
    func aFormatOneModelLoadsWithDriftOff() throws {
        let current = try Self.model.get()
        #expect(current.formatVersion == 2)
        #expect(current.driftWarning(source: "new.json") == nil)
        var old = current
        old.formatVersion = 1
        old.drift = nil
        let text = String(decoding: try old.sealed().jsonData(), as: UTF8.self)
        #expect(text.contains("\"format_version\" : 1") && !text.contains("\"drift\""))
        let loaded = try SegmentModel.load(from: Data(text.utf8), source: "old.json")
        #expect(loaded.formatVersion == 1 && loaded.drift == nil)
        let warning = try #require(loaded.driftWarning(source: "old.json"))
        #expect(warning.contains("old.json") && warning.contains("drift statistics are off"), "\(warning)")
        let scorer = try SegmentScorer(model: loaded)
        #expect(scorer.driftReference == nil && scorer.driftCountCount == 0)
    }

    @Test("a format-2 model without its drift reference is refused as inconsistent")
    func aFormatTwoModelWithoutReferenceIsRefused() throws {
        var model = try Self.model.get()
        model.drift = nil
        let data = try model.sealed().jsonData()
        #expect {
            try SegmentModel.load(from: data, source: "cut.json")
        } throws: { error in
            "\(error)".contains("cut.json") && "\(error)".contains("drift reference")
        }
    }

    @Test("the drift reference covers every raw and derived feature with 2 to 10 bins, ties at 0 collapsed")
    func theDriftReferenceCoversEveryFeature() throws {
        let model = try Self.model.get()
        let drift = try #require(model.drift)
        #expect(drift.features.map(\.name) == (try FeaturePipeline(spec: model.pipeline)).profileColumns)
        for feature in drift.features {
            #expect((1...9).contains(feature.edges.count), "\(feature.name)")
            #expect(abs(feature.proportions.reduce(0, +) - 1) < 1e-9, "\(feature.name)")
        }
        let cash = try #require(drift.features.first { $0.name == "CASH_ADVANCE" })
        #expect(cash.edges.first == 0 && cash.edges.count < 9, "many customers take no cash: \(cash.edges)")
        #expect(cash.proportions[0] > 0.2)
        #expect(drift.segmentShares == model.segments.sorted { $0.id < $1.id }.map(\.share))
        #expect(drift.silhouette == model.kmeans.silhouette)
        #expect(abs(drift.confidence.proportions.reduce(0, +) - 1) < 1e-9)
        #expect(drift.confidence.mean > 0 && drift.confidence.mean < 1)
    }

    @Test("counting the training rows while scoring reproduces the reference's proportions, same assignments")
    func countingTheTrainingRowsReproducesTheReference() throws {
        let model = try Self.model.get()
        let drift = try #require(model.drift)
        let scorer = try SegmentScorer(model: model)
        let customers = SyntheticCustomers(seed: 5)
        var scratch = [Double](repeating: 0, count: scorer.scratchCount)
        var counts = [Int](repeating: 0, count: scorer.driftCountCount)
        var confidenceSum = 0.0
        for row in 0..<2_000 {
            let record = customers.values(ofRow: row)
            let values = scorer.inputColumns.map { record[(SyntheticCustomers.columns.firstIndex(of: $0) ?? 1) - 1] }
            var first = values
            var second = values
            let plain = first.withUnsafeMutableBufferPointer { values in
                scratch.withUnsafeMutableBufferPointer { scorer.assign(values, scratch: $0) }
            }
            let counted = second.withUnsafeMutableBufferPointer { values in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    counts.withUnsafeMutableBufferPointer { counts in
                        scorer.assign(values, scratch: scratch, driftCounts: counts.baseAddress!)
                    }
                }
            }
            #expect(plain == counted)
            confidenceSum += counted.confidence
        }
        let report = DriftReport(
            reference: drift, stridedCounts: counts, inputColumnCount: scorer.inputColumns.count,
            segmentRows: [2_000], confidenceSum: confidenceSum, lowConfidenceRows: 0, lowConfidenceThreshold: 0.5)
        #expect(report.topInputColumns(100).count == 17 && report.topDerivedFeatures(100).count == 4)
        for feature in report.features { #expect(feature.psi == 0, "\(feature.name)") }
        #expect(abs(report.meanConfidence - drift.confidence.mean) < 1e-12)
    }

    @Test func bytesThatAreNotJSONAreRefused() {
        #expect {
            try SegmentModel.load(from: Data("PK\u{3}\u{4} zip bytes".utf8), source: "archive.zip")
        } throws: { error in
            "\(error)".contains("not a segmentd model")
        }
    }

    @Test func aMissingSectionIsNamedInTheError() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: try Self.model.get().jsonData()) as? [String: Any]
        )
        var trimmed = object
        trimmed.removeValue(forKey: "scaler")
        let data = try JSONSerialization.data(withJSONObject: trimmed)
        #expect {
            try SegmentModel.load(from: data, source: "trimmed.json")
        } throws: { error in
            "\(error)".contains("scaler")
        }
    }

    @Test func scoringTheTrainingRowsReproducesMostTrainingLabels() throws {
        let model = try Self.model.get()
        let scorer = try SegmentScorer(model: model)
        #expect(scorer.segmentNames.count == model.kmeans.k)
        #expect(scorer.inputColumns.count == 17)
        let customers = SyntheticCustomers(seed: 5)
        var scratch = [Double](repeating: 0, count: scorer.scratchCount)
        var counts = [Int](repeating: 0, count: model.kmeans.k)
        for row in 0..<2_000 {
            let record = customers.values(ofRow: row)
            var values = scorer.inputColumns.map { column in
                record[(SyntheticCustomers.columns.firstIndex(of: column) ?? 1) - 1]
            }
            let assignment = values.withUnsafeMutableBufferPointer { values in
                scratch.withUnsafeMutableBufferPointer { scorer.assign(values, scratch: $0) }
            }
            #expect((0...1).contains(assignment.confidence))
            counts[assignment.segment] += 1
        }
        #expect(counts == model.segments.map(\.size))
    }
}
