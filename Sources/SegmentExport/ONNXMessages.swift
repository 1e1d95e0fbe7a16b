/// The ONNX messages the exporter writes, each encoding itself with the field numbers of `onnx/onnx.proto` (the
/// file the onnx wheel ships; the numbers are fixed by the ONNX IR specification and never reused).
enum ONNX {
    /// `TensorProto.DataType` values.
    enum DataType: Int64 {
        case int64 = 7
        case bool = 9
        case double = 11
    }

    /// `OperatorSetIdProto`: the default (`ai.onnx`) domain at `version`.
    struct OperatorSet {
        var version: Int64

        func encode(into writer: inout ProtobufWriter) {
            writer.string(1, "")  // domain
            writer.int(2, version)  // version
        }
    }

    /// `TensorProto`: a named constant (an initializer) of doubles or int64s, row-major.
    struct Tensor {
        enum Values {
            case doubles([Double])
            case ints([Int64])
        }

        var name: String
        var dims: [Int64]
        var values: Values

        func encode(into writer: inout ProtobufWriter) {
            writer.packedInts(1, dims)  // dims
            switch values {
            case .doubles(let doubles):
                writer.int(2, DataType.double.rawValue)  // data_type
                writer.string(8, name)  // name
                writer.packedDoubles(10, doubles)  // double_data
            case .ints(let ints):
                writer.int(2, DataType.int64.rawValue)
                writer.string(8, name)
                writer.packedInts(7, ints)  // int64_data
            }
        }
    }

    /// `AttributeProto`, the kinds the exporter uses: one int, a list of ints.
    struct Attribute {
        enum Value {
            case int(Int64)
            case ints([Int64])
        }

        var name: String
        var value: Value

        func encode(into writer: inout ProtobufWriter) {
            writer.string(1, name)  // name
            switch value {
            case .int(let int):
                writer.int(3, int)  // i
                writer.int(20, 2)  // type = INT
            case .ints(let ints):
                for int in ints { writer.int(8, int) }  // ints (unpacked, as onnx writes them)
                writer.int(20, 7)  // type = INTS
            }
        }
    }

    /// `NodeProto`: one operator of the default domain.
    struct Node {
        var operation: String
        var inputs: [String]
        var outputs: [String]
        var name: String
        var attributes: [Attribute] = []

        func encode(into writer: inout ProtobufWriter) {
            for input in inputs { writer.string(1, input) }  // input
            for output in outputs { writer.string(2, output) }  // output
            writer.string(3, name)  // name
            writer.string(4, operation)  // op_type
            for attribute in attributes { writer.message(5) { attribute.encode(into: &$0) } }  // attribute
        }
    }

    /// `ValueInfoProto` of a tensor: name, element type, and shape (a `String` dimension is symbolic).
    struct ValueInfo {
        enum Dimension {
            case fixed(Int64)
            case symbolic(String)
        }

        var name: String
        var type: DataType
        var shape: [Dimension]
        var documentation: String

        func encode(into writer: inout ProtobufWriter) {
            writer.string(1, name)  // name
            writer.message(2) { type in  // type: TypeProto
                type.message(1) { tensor in  // tensor_type: TypeProto.Tensor
                    tensor.int(1, self.type.rawValue)  // elem_type
                    tensor.message(2) { shape in  // shape: TensorShapeProto
                        for dimension in self.shape {
                            shape.message(1) { dim in  // dim
                                switch dimension {
                                case .fixed(let value): dim.int(1, value)  // dim_value
                                case .symbolic(let name): dim.string(2, name)  // dim_param
                                }
                            }
                        }
                    }
                }
            }
            writer.string(3, documentation)  // doc_string
        }
    }

    /// `GraphProto`.
    struct Graph {
        var name: String
        var nodes: [Node]
        var initializers: [Tensor]
        var inputs: [ValueInfo]
        var outputs: [ValueInfo]
        var documentation: String

        func encode(into writer: inout ProtobufWriter) {
            for node in nodes { writer.message(1) { node.encode(into: &$0) } }  // node
            writer.string(2, name)  // name
            for tensor in initializers { writer.message(5) { tensor.encode(into: &$0) } }  // initializer
            writer.string(10, documentation)  // doc_string
            for input in inputs { writer.message(11) { input.encode(into: &$0) } }  // input
            for output in outputs { writer.message(12) { output.encode(into: &$0) } }  // output
        }
    }

    /// `ModelProto`.
    struct Model {
        var irVersion: Int64
        var operatorSet: OperatorSet
        var producerName: String
        var producerVersion: String
        var documentation: String
        var graph: Graph
        /// `metadata_props`, in order.
        var metadata: [(key: String, value: String)]

        func encoded() -> [UInt8] {
            var writer = ProtobufWriter()
            writer.int(1, irVersion)  // ir_version
            writer.string(2, producerName)  // producer_name
            writer.string(3, producerVersion)  // producer_version
            writer.string(6, documentation)  // doc_string
            writer.message(7) { graph.encode(into: &$0) }  // graph
            writer.message(8) { operatorSet.encode(into: &$0) }  // opset_import
            for entry in metadata {  // metadata_props: StringStringEntryProto
                writer.message(14) { pair in
                    pair.string(1, entry.key)
                    pair.string(2, entry.value)
                }
            }
            return writer.bytes
        }
    }
}
