/// Collects the nodes and initializers of one ONNX graph, naming every intermediate tensor uniquely.
struct ONNXGraphBuilder {
    private(set) var nodes: [ONNX.Node] = []
    private(set) var initializers: [ONNX.Tensor] = []
    private var counter = 0

    /// Adds one `operation` node reading `inputs` and returns its output's name (`name` if given, else a fresh one).
    @discardableResult
    mutating func add(
        _ operation: String, _ inputs: [String], attributes: [ONNX.Attribute] = [], output name: String? = nil
    ) -> String {
        add(operation, inputs, attributes: attributes, outputs: [name ?? fresh(operation)])[0]
    }

    /// Adds a node with several outputs (`outputs` names, or `count` fresh ones) and returns their names.
    @discardableResult
    mutating func add(
        _ operation: String, _ inputs: [String], attributes: [ONNX.Attribute] = [], outputs: [String]
    ) -> [String] {
        counter += 1
        nodes.append(
            ONNX.Node(
                operation: operation, inputs: inputs, outputs: outputs, name: "\(operation)_\(counter)",
                attributes: attributes))
        return outputs
    }

    /// A fresh tensor name.
    mutating func fresh(_ stem: String) -> String {
        counter += 1
        return "\(stem.lowercased())_\(counter)"
    }

    /// Adds a double constant of shape `dims` and returns its name.
    @discardableResult
    mutating func constant(_ name: String, _ values: [Double], dims: [Int]) -> String {
        precondition(values.count == dims.reduce(1, *), "a constant needs one value per element")
        initializers.append(ONNX.Tensor(name: name, dims: dims.map(Int64.init), values: .doubles(values)))
        return name
    }

    /// Adds an int64 constant of shape `dims` and returns its name.
    @discardableResult
    mutating func constant(_ name: String, ints values: [Int64], dims: [Int]) -> String {
        precondition(values.count == dims.reduce(1, *), "a constant needs one value per element")
        initializers.append(ONNX.Tensor(name: name, dims: dims.map(Int64.init), values: .ints(values)))
        return name
    }
}
