import Foundation
import SegmentCore
import SegmentdTestSupport
import Testing

/// `segmentd export --format onnx` end to end: the file read back by the onnx package (checker with full_check, no
/// warnings, nodes and initializers as written), and onnxruntime scoring the same rows as `segmentd score`:
/// identical segment ids, confidence and distance within 1e-6 (segmentd writes them with six decimals).
@Suite(.serialized)
struct ONNXExportTests {
    /// A model trained on 10,000 generated customers, exported; the run it lives in.
    static let generated = Result { () throws -> ExportRun in
        let run = try ExportRun()
        try run.succeed(["generate", "--rows", "10000", "--seed", "11", "train.csv"])
        try run.succeed(["train", "train.csv", "--output", "model.json"])
        try run.succeed(["export", "model.json", "--format", "onnx", "--output", "model.onnx"])
        return run
    }

    static var sharedData: URL { SharedData.creditCards }

    static var sharedDataAvailable: Bool { SharedData.creditCardsRequired }

    @Test("the exported file loads in onnx, passes check_model(full_check=True) with no warning, holds the model")
    func roundTrip() throws {
        let run = try Self.generated.get()
        let model = try SegmentModel.load(
            from: try Data(contentsOf: URL(fileURLWithPath: run.path("model.json"))), source: "model.json")
        let pipeline = try FeaturePipeline(spec: model.pipeline)
        let read = try run.python("onnx_roundtrip.py", [run.path("model.onnx")])
        #expect(read["checker_error"] is NSNull, "\(read["checker_error"] ?? "")")
        #expect((read["warnings"] as? [String]) == [], "\(read["warnings"] ?? "")")
        #expect(read["ir_version"] as? Int == 8)
        #expect((read["opsets"] as? [String: Int]) == ["": 17])
        #expect(read["producer_name"] as? String == "segmentd")
        let metadata = try #require(read["metadata"] as? [String: String])
        let columns = try JSONDecoder().decode([String].self, from: Data((metadata["input_columns"] ?? "").utf8))
        #expect(columns == pipeline.inputColumns)
        #expect(metadata["model_version"] == model.modelVersion)
        #expect((read["doc_string"] as? String ?? "").contains(pipeline.inputColumns.joined(separator: ", ")))

        let inputs = try #require(read["inputs"] as? [[String: Any]])
        #expect(inputs.count == 1)
        #expect(inputs.first?["name"] as? String == "input")
        #expect(inputs.first?["elem_type"] as? Int == 11)
        let shape = try #require(inputs.first?["shape"] as? [Any])
        #expect(shape.first as? String == "N" && shape.last as? Int == pipeline.inputColumns.count, "\(shape)")
        for key in ["outputs", "inferred_outputs"] {
            let outputs = try #require(read[key] as? [[String: Any]])
            #expect(outputs.map { $0["name"] as? String } == ["segment_id", "confidence", "distance"], "\(key)")
            #expect(outputs.map { $0["elem_type"] as? Int } == [7, 11, 11], "\(key)")
            #expect(outputs.map { $0["shape"] as? [String] } == [["N"], ["N"], ["N"]], "\(key)")
        }

        let operators = try #require(read["operators"] as? [String])
        for expected in ["IsNaN", "Where", "Split", "Div", "Greater", "And", "Log", "Sign", "MatMul", "TopK"] {
            #expect(operators.contains(expected), "no \(expected) node: \(operators)")
        }
        let initializers = try #require(read["initializers"] as? [String: [String: Any]])
        func values(_ name: String) -> [Double]? {
            (initializers[name]?["hex"] as? [String])?.compactMap { Double($0) }
        }
        func dims(_ name: String) -> [Int]? { initializers[name]?["dims"] as? [Int] }
        #expect(values("medians") == pipeline.inputColumns.map { model.imputation.medians[$0] ?? 0 })
        #expect(values("kmeans/centroids") == model.kmeans.centroids.flatMap { $0 })
        #expect(dims("kmeans/centroids") == [model.kmeans.k, model.pca.components.count])
        #expect(values("pca/mean") == model.pca.mean)
        #expect(dims("pca/loadings") == [model.pca.features.count, model.pca.components.count])
        #expect(values("scaler/mean").map { Array($0.prefix(model.scaler.mean.count)) } == model.scaler.mean)
    }

    @Test("onnxruntime scores 100,000 generated rows as segmentd score does")
    func generatedRows() throws {
        let run = try Self.generated.get()
        try run.succeed(["generate", "--rows", "100000", "--seed", "12", "customers.csv"])
        try expectSameScores(run, data: run.path("customers.csv"), rows: 100_000)
    }

    @Test(
        "onnxruntime scores CC_GENERAL.csv (blank values: NaN in) as segmentd score does",
        .enabled(if: sharedDataAvailable, "needs ../shared/data/CC_GENERAL.csv"))
    func referenceData() throws {
        let run = try ExportRun()
        try run.succeed(["train", Self.sharedData.path, "--output", "model.json"])
        try run.succeed(["export", "model.json", "--format", "onnx", "--output", "model.onnx"])
        try expectSameScores(run, data: Self.sharedData.path, rows: 8950)
    }

    @Test("every expression operation, constants, rules and one-hot blocks score the same in onnxruntime")
    func everyOperation() throws {
        let run = try ExportRun()
        try PipelineWithEveryOperation.text.write(toFile: run.path("pipeline.toml"), atomically: true, encoding: .utf8)
        try run.succeed(["generate", "--rows", "5000", "--seed", "21", "train.csv"])
        try run.succeed(["train", "train.csv", "--pipeline", "pipeline.toml", "--output", "model.json"])
        try run.succeed(["export", "model.json", "--format", "onnx", "--output", "model.onnx"])
        let read = try run.python("onnx_roundtrip.py", [run.path("model.onnx")])
        #expect(read["checker_error"] is NSNull, "\(read["checker_error"] ?? "")")
        #expect((read["warnings"] as? [String]) == [], "\(read["warnings"] ?? "")")
        try run.succeed(["generate", "--rows", "20000", "--seed", "22", "customers.csv"])
        try expectSameScores(run, data: run.path("customers.csv"), rows: 20000)
    }

    @Test("the README's pandas + onnxruntime example is Tests/Python/score_onnx.py, the script these tests run")
    func readmeShowsTheTestedExample() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let script = try String(
            contentsOf: root.appendingPathComponent("Tests/Python/score_onnx.py"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Scoring elsewhere: ONNX"))
        let start = try #require(readme.range(of: "```python\n", range: section.upperBound..<readme.endIndex))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        #expect(String(readme[start.upperBound..<end.lowerBound]) == script)
        #expect(script.split(separator: "\n").count <= 10)
    }

    /// Scores `data` with segmentd and with the README's onnxruntime example and compares them row by row.
    private func expectSameScores(_ run: ExportRun, data: String, rows: Int) throws {
        try run.succeed(["score", data, "segmentd.csv", "--model", "model.json"])
        // The README's example, as it is shown there.
        _ = try PythonScript.run("score_onnx.py", [run.path("model.onnx"), data, run.path("onnx.csv")])
        let compared = try run.python("onnx_compare.py", [run.path("segmentd.csv"), run.path("onnx.csv"), "CUST_ID"])
        #expect(compared["segmentd_rows"] as? Int == rows, "\(compared)")
        #expect(compared["matched_rows"] as? Int == rows, "\(compared)")
        #expect(compared["segment_mismatches"] as? Int == 0, "\(compared)")
        #expect(compared["onnx_nulls"] as? Int == 0, "\(compared)")
        #expect((compared["max_confidence_difference"] as? Double ?? 1) <= 1e-6, "\(compared)")
        #expect((compared["max_distance_difference"] as? Double ?? 1) <= 1e-6, "\(compared)")
    }
}
