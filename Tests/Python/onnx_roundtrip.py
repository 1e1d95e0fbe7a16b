"""Reads an exported ONNX file back with the onnx package and prints what it holds as one JSON object: the IR
version, the opsets, the producer, the metadata, the inputs and outputs with their types and shapes (declared and
inferred), the nodes' operator types, every initializer with its shape and values, and what the checker said:
`onnx.checker.check_model(full_check=True)` (which also runs strict shape inference) and every warning raised.

Usage: onnx_roundtrip.py MODEL.onnx"""
import json
import sys
import warnings

import onnx
from onnx import numpy_helper, shape_inference

path = sys.argv[1]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = onnx.load(path)
    try:
        onnx.checker.check_model(model, full_check=True)
        checker_error = None
    except Exception as error:  # reported, so the Swift test shows the checker's message
        checker_error = str(error)
    inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)


def value_info(info):
    tensor = info.type.tensor_type
    return {
        "name": info.name,
        "elem_type": tensor.elem_type,
        "shape": [d.dim_param if d.HasField("dim_param") else d.dim_value for d in tensor.shape.dim],
    }


print(json.dumps({
    "ir_version": model.ir_version,
    "opsets": {entry.domain: entry.version for entry in model.opset_import},
    "producer_name": model.producer_name,
    "producer_version": model.producer_version,
    "doc_string": model.doc_string,
    "metadata": {entry.key: entry.value for entry in model.metadata_props},
    "inputs": [value_info(i) for i in model.graph.input],
    "outputs": [value_info(o) for o in model.graph.output],
    "inferred_outputs": [value_info(o) for o in inferred.graph.output],
    "operators": [node.op_type for node in model.graph.node],
    "initializers": {
        tensor.name: {
            "dims": list(tensor.dims),
            "values": numpy_helper.to_array(tensor).ravel().tolist(),
            # exact doubles: JSON readers may round decimal text differently
            "hex": [float(v).hex() for v in numpy_helper.to_array(tensor).ravel().tolist()],
        }
        for tensor in model.graph.initializer
    },
    "checker_error": checker_error,
    "warnings": [str(w.message) for w in caught],
}, allow_nan=True))
