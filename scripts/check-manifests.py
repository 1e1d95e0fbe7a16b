#!/usr/bin/env python3
"""Validates every manifest the test suite wrote against etc/manifest.schema.json (JSON Schema draft 2020-12).

Usage: check-manifests.py DIRECTORY [SCHEMA]

DIRECTORY holds the manifests the test trees copied there before they were removed (SEGMENTD_MANIFEST_COLLECT, see
Tests/SegmentdTestSupport/ManifestCollector.swift). Fails when none was collected (the collection itself is broken),
or when any is not JSON or does not validate, printing each file and error.
"""
import json
import pathlib
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__.strip(), file=sys.stderr)
        return 64
    directory = pathlib.Path(sys.argv[1])
    root = pathlib.Path(__file__).resolve().parent.parent
    schema_path = pathlib.Path(sys.argv[2]) if len(sys.argv) == 3 else root / "etc" / "manifest.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(directory.glob("*.manifest.json")) if directory.is_dir() else []
    if not files:
        print(f"check-manifests: no manifest was collected in {directory}; the test trees did not copy theirs "
              f"(SEGMENTD_MANIFEST_COLLECT)", file=sys.stderr)
        return 1
    invalid = 0
    for path in files:
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            print(f"{path}: not JSON: {error}", file=sys.stderr)
            invalid += 1
            continue
        errors = sorted(validator.iter_errors(manifest), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
        invalid += 1 if errors else 0
    print(f"check-manifests: {len(files)} manifests checked against {schema_path.name}, {invalid} invalid")
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
