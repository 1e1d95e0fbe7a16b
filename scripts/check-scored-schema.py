#!/usr/bin/env python3
"""Checks a day of scored outputs against the output schema `segmentd schema` printed.

Usage: check-scored-schema.py SCHEMA_JSON OUTBOX

- DuckDB reads every `OUTBOX/*.scored.csv` as one table with `read_csv` WITHOUT `union_by_name`: DuckDB types the
  columns from the first file, so a column whose form varied between files (`5` in one, `12.5` in another) fails
  the read. Only the input's own columns (kept as the producer wrote them, not segmentd's to fix) get their types
  from the schema; segmentd's columns are left to DuckDB's sniffer and then compared with the schema.
- pandas and polars read each scored CSV and JSONL file twice: with the dtypes the schema gives (which must parse
  every value) and by inference, whose type must be the schema's for every column that holds a value (an all-empty
  column cannot be typed by inference: there the schema decides, and every value must be null).
- The text of every CSV field of segmentd's columns has its type's one form (a float always with a decimal point).

Prints one line per check and exits 1 on the first difference, naming file, column and what differs.
"""
import glob
import json
import os
import re
import sys

import duckdb
import pandas
import polars

FORMS = {
    "integer": re.compile(r"-?[0-9]+"),
    "float": re.compile(r"-?[0-9]+\.[0-9]+"),
    "boolean": re.compile(r"true|false"),
}
DUCKDB_TYPES = {"integer": "BIGINT", "float": "DOUBLE", "string": "VARCHAR", "boolean": "BOOLEAN"}
PANDAS_DTYPES = {"integer": "Int64", "float": "float64", "string": "string", "boolean": "boolean"}
POLARS_TYPES = {"integer": polars.Int64, "float": polars.Float64, "string": polars.String, "boolean": polars.Boolean}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def pandas_kind(dtype):
    if pandas.api.types.is_bool_dtype(dtype):
        return "boolean"
    if pandas.api.types.is_integer_dtype(dtype):
        return "integer"
    if pandas.api.types.is_float_dtype(dtype):
        return "float"
    return "string"


def polars_kind(dtype):
    if dtype == polars.Boolean:
        return "boolean"
    if dtype.is_integer():
        return "integer"
    if dtype.is_float():
        return "float"
    return "string"


def check_frame(name, reader, frame, columns, kind_of):
    """The inferred type of every schema column with a value is the schema's; an all-null one must be nullable."""
    for column in columns:
        if column["name"] not in frame.columns:
            fail("%s: %s: no column %s" % (reader, name, column["name"]))
        series = frame[column["name"]]
        nulls = int(series.isna().sum()) if reader == "pandas" else series.null_count()
        if nulls and not column["nullable"]:
            fail("%s: %s: column %s is not nullable but has %d nulls" % (reader, name, column["name"], nulls))
        if nulls == len(series):
            continue
        inferred = kind_of(series.dtype)
        if inferred != column["type"]:
            fail("%s: %s: column %s is inferred as %s (%s), the schema says %s"
                 % (reader, name, column["name"], inferred, series.dtype, column["type"]))


def check_csv_forms(path, columns):
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False)
    for column in columns:
        form = FORMS.get(column["type"])
        for value in frame[column["name"]]:
            if value == "":
                if not column["nullable"]:
                    fail("%s: column %s is empty but not nullable" % (path, column["name"]))
            elif form and not form.fullmatch(value):
                fail("%s: column %s holds %r, not the %s form" % (path, column["name"], value, column["type"]))


def main():
    schema = json.load(open(sys.argv[1]))
    outbox = sys.argv[2]
    columns = schema["columns"]
    inputs = schema["input_columns"]
    csv_files = sorted(glob.glob(os.path.join(outbox, "*.scored.csv")))
    jsonl_files = sorted(glob.glob(os.path.join(outbox, "*.scored.jsonl")))
    if len(csv_files) < 2:
        fail("fewer than two scored CSV files in %s" % outbox)

    input_types = ", ".join("'%s': '%s'" % (column["name"], DUCKDB_TYPES[column["type"]]) for column in inputs)
    relation = duckdb.sql(
        "SELECT * FROM read_csv('%s', types = {%s})" % (os.path.join(outbox, "*.scored.csv"), input_types))
    rows = relation.fetchall()
    expected_rows = sum(len(pandas.read_csv(path)) for path in csv_files)
    if len(rows) != expected_rows:
        fail("duckdb read %d rows, the files hold %d" % (len(rows), expected_rows))
    types = dict(zip(relation.columns, [str(t) for t in relation.types]))
    for column in columns:
        if types.get(column["name"]) != DUCKDB_TYPES[column["type"]]:
            fail("duckdb types %s as %s, the schema says %s"
                 % (column["name"], types.get(column["name"]), column["type"]))
    print("duckdb: read %d files, %d rows, one schema" % (len(csv_files), len(rows)))

    for path in csv_files:
        check_csv_forms(path, columns)
        dtypes = {column["name"]: PANDAS_DTYPES[column["type"]] for column in inputs + columns}
        pandas.read_csv(path, dtype=dtypes)
        check_frame(path, "pandas", pandas.read_csv(path), columns, pandas_kind)
        overrides = {column["name"]: POLARS_TYPES[column["type"]] for column in inputs + columns}
        polars.read_csv(path, schema_overrides=overrides)
        check_frame(path, "polars", polars.read_csv(path, infer_schema_length=None), columns, polars_kind)
    for path in jsonl_files:
        dtypes = {column["name"]: PANDAS_DTYPES[column["type"]] for column in columns}
        pandas.read_json(path, lines=True, dtype=dtypes)
        # dtype=False: pandas would otherwise turn a float column whose values are whole into integers itself.
        check_frame(path, "pandas", pandas.read_json(path, lines=True, dtype=False), columns, pandas_kind)
        overrides = {column["name"]: POLARS_TYPES[column["type"]] for column in columns}
        polars.read_ndjson(path, schema_overrides=overrides)
        check_frame(path, "polars", polars.read_ndjson(path, infer_schema_length=None), columns, polars_kind)
    print("pandas, polars: %d CSV and %d JSONL files match the schema" % (len(csv_files), len(jsonl_files)))


if __name__ == "__main__":
    main()
