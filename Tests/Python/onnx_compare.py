"""Compares `segmentd score`'s output with score_onnx.py's for the same input, row by row on the id column, and
prints one JSON object: rows in each, rows matched, segment mismatches and the largest confidence and distance
differences (segmentd writes both with six decimals, so up to 5e-7 is its rounding).

Usage: onnx_compare.py SEGMENTD_SCORED.csv ONNX_SCORED.csv ID_COLUMN"""
import json
import sys

import pandas as pd

segmentd_file, onnx_file, id_column = sys.argv[1:4]
ours = pd.read_csv(segmentd_file, dtype={id_column: str})
theirs = pd.read_csv(onnx_file, dtype={id_column: str})
both = ours[[id_column, "segment_id", "confidence", "distance"]].merge(
    theirs[[id_column, "segment_id", "confidence", "distance"]],
    on=id_column, suffixes=("_segmentd", "_onnx"), validate="one_to_one")
print(json.dumps({
    "segmentd_rows": len(ours),
    "onnx_rows": len(theirs),
    "matched_rows": len(both),
    "segment_mismatches": int((both["segment_id_segmentd"] != both["segment_id_onnx"]).sum()),
    "max_confidence_difference": float((both["confidence_segmentd"] - both["confidence_onnx"]).abs().max()),
    "max_distance_difference": float((both["distance_segmentd"] - both["distance_onnx"]).abs().max()),
    "onnx_nulls": int(theirs[["segment_id", "confidence", "distance"]].isna().sum().sum()),
}))
