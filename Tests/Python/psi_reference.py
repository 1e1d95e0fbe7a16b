#!/usr/bin/env python3
"""The numpy reference for segmentd's population stability index (Tests/SegmentCoreTests/Drift).

Usage: psi_reference.py CASES.json

CASES.json holds {"features": [{"name", "training": [...], "actual": [...], "edges": [...]}]}, the edges being
segmentd's. For each feature this prints, as JSON, the PSI over those edges — a value x is in bin i = the number of
edges below it (numpy.searchsorted, side="left"), a share of 0 counts as EPSILON (1e-4, issue 17's decision),
PSI = sum of (a - e) * ln(a / e) — and the training deciles numpy computes (numpy.quantile, linear, duplicates
collapsed), so the test also checks the edges.
"""
import json
import sys

import numpy as np

EPSILON = 1e-4


def shares(values, edges):
    bins = np.searchsorted(edges, values, side="left")
    return np.bincount(bins, minlength=len(edges) + 1) / len(values)


def psi(training, actual, edges, epsilon):
    expected = shares(training, edges)
    observed = shares(actual, edges)
    expected = np.where(expected == 0, epsilon, expected)
    observed = np.where(observed == 0, epsilon, observed)
    return float(np.sum((observed - expected) * np.log(observed / expected)))


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as file:
        cases = json.load(file)
    result = {}
    for feature in cases["features"]:
        training = np.asarray(feature["training"], dtype=np.float64)
        actual = np.asarray(feature["actual"], dtype=np.float64)
        edges = np.asarray(feature["edges"], dtype=np.float64)
        deciles = np.unique(np.quantile(training, np.arange(1, 10) / 10))
        result[feature["name"]] = {
            "psi": psi(training, actual, edges, EPSILON),
            "deciles": [float(value) for value in deciles],
        }
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
