import json, sys
import numpy as np, onnxruntime as ort, pandas as pd

model, data, scored = sys.argv[1:4]  # python3 score_onnx.py model.onnx customers.csv scored.csv
session = ort.InferenceSession(model)
columns = json.loads(session.get_modelmeta().custom_metadata_map["input_columns"])
frame = pd.read_csv(data)  # a blank cell reads as NaN: the model fills it
x = frame[columns].to_numpy(dtype=np.float64)
segment_id, confidence, distance = session.run(["segment_id", "confidence", "distance"], {"input": x})
frame.assign(segment_id=segment_id, confidence=confidence, distance=distance).to_csv(scored, index=False)
