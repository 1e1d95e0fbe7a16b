package import SegmentCore
import SegmentSupport

/// Writes a trained model's whole scoring pipeline as one ONNX model (`segmentd export --format onnx`), so any ONNX
/// runtime scores rows as `segmentd score` does: the same segment, confidence and distance.
///
/// The graph, all in double precision: `input` [N, inputs] (the model's input columns in order, NaN for a missing
/// value) -> median imputation -> derived features, category rules and transforms (`ONNXFeatureGraph`) -> standard
/// scaling -> PCA projection -> squared distances to the centroids -> `segment_id` (int64 [N], the nearest),
/// `distance` (double [N], d1) and `confidence` (double [N], 1 - d1/d2 clipped to [0, 1], 0 when d2 is 0), with
/// ties going to the lower segment id, as the scorer decides them.
package enum ONNXExporter {
    /// ONNX operator set the graph uses (every operator in it is defined at 17).
    package static let operatorSetVersion: Int64 = 17
    /// IR version 8 is the one that goes with opset 17 (onnx 1.12); any runtime reading opset 17 reads it.
    package static let irVersion: Int64 = 8
    /// Name of the graph's one input.
    package static let inputName = "input"
    /// Metadata key holding the input columns, in order, as a JSON array of strings.
    package static let inputColumnsKey = "input_columns"

    /// The ONNX file's bytes for `model`.
    /// - Parameter producerVersion: the segmentd version writing it (`producer_version`).
    /// - Throws: `ModelError` when the model is inconsistent (its pipeline's features are not its PCA's).
    package static func export(_ model: SegmentModel, producerVersion: String) throws -> [UInt8] {
        _ = try SegmentScorer(model: model)  // the consistency checks the scorer makes on load
        let pipeline = try FeaturePipeline(spec: model.pipeline)
        let columns = pipeline.inputColumns
        var builder = ONNXGraphBuilder()

        let medians = builder.constant(
            "medians", columns.map { model.imputation.medians[$0] ?? 0 }, dims: [columns.count])
        let missing = builder.add("IsNaN", [inputName])
        let imputed = builder.add("Where", [missing, medians, inputName], output: "imputed")
        let featureGraph = ONNXFeatureGraph(
            builder: builder, computation: pipeline.computation, inputColumns: columns,
            derivedNames: pipeline.derivedNames, imputed: imputed, input: inputName)
        let features: String
        (builder, features) = featureGraph.build()
        let projected = project(features, model: model, builder: &builder)
        nearestCentroid(projected, centroids: model.kmeans.centroids, builder: &builder)

        let documentation = describe(model, columns: columns)
        let graph = ONNX.Graph(
            name: "segmentd \(model.modelVersion)", nodes: builder.nodes, initializers: builder.initializers,
            inputs: [
                ONNX.ValueInfo(
                    name: inputName, type: .double, shape: [.symbolic("N"), .fixed(Int64(columns.count))],
                    documentation: "One row per customer, one column per input column in this order (NaN for a "
                        + "missing value): " + columns.joined(separator: ", "))
            ],
            outputs: [
                ONNX.ValueInfo(
                    name: "segment_id", type: .int64, shape: [.symbolic("N")],
                    documentation: "Index of the nearest centroid: the segment id"),
                ONNX.ValueInfo(
                    name: "confidence", type: .double, shape: [.symbolic("N")],
                    documentation: "1 - d1/d2 (nearest and second-nearest centroid distances), in [0, 1]"),
                ONNX.ValueInfo(
                    name: "distance", type: .double, shape: [.symbolic("N")],
                    documentation: "Euclidean distance to the nearest centroid (d1), in model space"),
            ],
            documentation: documentation)
        let segments = model.segments.sorted { $0.id < $1.id }
        return ONNX.Model(
            irVersion: irVersion, operatorSet: ONNX.OperatorSet(version: operatorSetVersion), producerName: "segmentd",
            producerVersion: producerVersion, documentation: documentation, graph: graph,
            metadata: [
                (inputColumnsKey, jsonArray(columns)),
                ("id_column", model.pipeline.idColumn),
                ("model_version", model.modelVersion),
                ("segment_names", jsonArray(segments.map(\.name))),
            ]
        ).encoded()
    }

    /// Scaling then projection, in the scorer's order: (x - mean) * (1 / scale) on the numeric features (the
    /// one-hot columns pass through: mean 0, factor 1), minus the PCA mean, times the loadings.
    private static func project(_ features: String, model: SegmentModel, builder: inout ONNXGraphBuilder) -> String {
        let width = model.pca.features.count
        let dimensions = model.pca.components.count
        let scaled = min(model.scaler.mean.count, model.scaler.scale.count, width)
        let mean = (0..<width).map { $0 < scaled ? model.scaler.mean[$0] : 0 }
        let factor = (0..<width).map { column -> Double in
            guard column < scaled else { return 1 }
            let scale = model.scaler.scale[column]
            return scale == 0 ? 1 : 1 / scale
        }
        let centred = builder.add("Sub", [features, builder.constant("scaler/mean", mean, dims: [width])])
        let standardised = builder.add(
            "Mul", [centred, builder.constant("scaler/factor", factor, dims: [width])], output: "scaled")
        let pcaInput = builder.add("Sub", [standardised, builder.constant("pca/mean", model.pca.mean, dims: [width])])
        var loadings = [Double](repeating: 0, count: width * dimensions)
        for (component, row) in model.pca.components.enumerated() {
            for (column, value) in row.enumerated() { loadings[column * dimensions + component] = value }
        }
        let transposed = builder.constant("pca/loadings", loadings, dims: [width, dimensions])
        return builder.add("MatMul", [pcaInput, transposed], output: "projected")
    }

    /// Squared distances [N, k] to every centroid, then the two smallest: the nearest's index and distance, and
    /// the confidence from the second (+infinity when k is 1, as in the scorer).
    private static func nearestCentroid(_ projected: String, centroids: [[Double]], builder: inout ONNXGraphBuilder) {
        let k = centroids.count
        let dimensions = centroids.first?.count ?? 0
        let axisOne = builder.constant("axes/one", ints: [1], dims: [1])
        let points = builder.add("Unsqueeze", [projected, axisOne])
        let centres = builder.constant("kmeans/centroids", centroids.flatMap { $0 }, dims: [k, dimensions])
        let differences = builder.add("Sub", [points, centres])
        let squares = builder.add("Mul", [differences, differences])
        let axisTwo = builder.constant("axes/two", ints: [2], dims: [1])
        let squaredDistances = builder.add(
            "ReduceSum", [squares, axisTwo], attributes: [.init(name: "keepdims", value: .int(0))],
            output: "squared_distances")
        let best: String
        let second: String
        if k >= 2 {
            let two = builder.constant("topk/k", ints: [2], dims: [1])
            let smallest = builder.add(
                "TopK", [squaredDistances, two],
                attributes: [
                    .init(name: "axis", value: .int(1)), .init(name: "largest", value: .int(0)),
                    .init(name: "sorted", value: .int(1)),
                ],
                outputs: ["topk/values", "topk/indices"])
            let first = builder.constant("index/first", ints: [0], dims: [])
            let next = builder.constant("index/second", ints: [1], dims: [])
            let axis = [ONNX.Attribute(name: "axis", value: .int(1))]
            best = builder.add("Gather", [smallest[0], first], attributes: axis)
            second = builder.add("Gather", [smallest[0], next], attributes: axis)
            builder.add("Gather", [smallest[1], first], attributes: axis, output: "segment_id")
        } else {
            best = builder.add("Squeeze", [squaredDistances, axisOne])
            second = builder.constant("infinity", [.infinity], dims: [])
            builder.add(
                "ArgMin", [squaredDistances],
                attributes: [.init(name: "axis", value: .int(1)), .init(name: "keepdims", value: .int(0))],
                output: "segment_id")
        }
        let d1 = builder.add("Sqrt", [best], output: "distance")
        let d2 = builder.add("Sqrt", [second])
        let one = "one"
        let zero = "zero"
        let ratio = builder.add("Sub", [one, builder.add("Div", [d1, d2])])
        let clipped = builder.add("Clip", [ratio, zero, one])
        builder.add("Where", [builder.add("Greater", [d2, zero]), clipped, zero], output: "confidence")
    }

    /// The model's and the graph's doc_string: what the input and outputs are.
    private static func describe(_ model: SegmentModel, columns: [String]) -> String {
        """
        segmentd model \(model.modelVersion)\(model.label.map { " (\($0))" } ?? ""): the whole scoring pipeline \
        (median imputation, derived features, one-hot rules, signed_log1p, standard scaling, PCA, nearest \
        centroid) in double precision.
        Input `input`: double [N, \(columns.count)], one row per customer, NaN for a missing value, columns in this \
        order (also in metadata_props `input_columns` as a JSON array): \(columns.joined(separator: ", ")).
        Outputs: `segment_id` int64 [N] (nearest centroid), `confidence` double [N] (1 - d1/d2), `distance` \
        double [N] (d1). Segments: \
        \(model.segments.sorted { $0.id < $1.id }.map { "\($0.id) \($0.name)" }.joined(separator: ", ")).
        """
    }

    /// `values` as a JSON array of strings.
    private static func jsonArray(_ values: [String]) -> String {
        "[" + values.map { String(decoding: JSONString.quoted($0), as: UTF8.self) }.joined(separator: ",") + "]"
    }
}
