#!/usr/bin/env python3
"""The numpy reference for segmentd's adjusted Rand index (Tests/SegmentCoreTests/Numerics).

Usage: ari_reference.py LABELS.json
LABELS.json holds {"cases": [{"first": [...], "second": [...]}]}, two labellings of the same rows per case. Prints a
JSON list with each case's index, computed as scikit-learn's adjusted_rand_score does (scikit-learn itself is not
installed): the contingency table, its pair counts, and 1.0 where the expected and maximum indices coincide.
"""
import json
import sys

import numpy as np


def pairs(counts):
    counts = np.asarray(counts, dtype=np.float64)
    return float(np.sum(counts * (counts - 1) / 2))


def ari(first, second):
    _, first = np.unique(first, return_inverse=True)
    _, second = np.unique(second, return_inverse=True)
    table = np.zeros((first.max() + 1, second.max() + 1), dtype=np.int64)
    np.add.at(table, (first, second), 1)
    together = pairs(table.ravel())
    rows, columns = pairs(table.sum(axis=1)), pairs(table.sum(axis=0))
    expected = rows * columns / pairs([len(first)])
    maximum = (rows + columns) / 2
    return 1.0 if maximum == expected else (together - expected) / (maximum - expected)


if __name__ == "__main__":
    with open(sys.argv[1]) as handle:
        cases = json.load(handle)["cases"]
    print(json.dumps([ari(case["first"], case["second"]) for case in cases]))
