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
        text = text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 7")
        #expect {
            try SegmentModel.load(from: Data(text.utf8), source: "future.json")
        } throws: { error in
            "\(error)".contains("format_version 7") && "\(error)".contains("version 1")
        }
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
