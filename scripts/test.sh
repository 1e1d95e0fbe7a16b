#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test (release build: the numeric tests are heavy).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# Python test tools in a virtual environment, first on PATH for the tests.
source scripts/test-tools.sh
# Layout is checked before anything builds: a lint finding (configuration: .swift-format) fails the test command.
swift format lint --strict --recursive --parallel Sources plugins Tests Benchmarks
# Every manifest the test trees write is copied here before they are removed, then validated against the schema.
manifests=$(mktemp -d "${TMPDIR:-/tmp}/segmentd-manifests.XXXXXX")
trap 'rm -rf "$manifests"' EXIT
SEGMENTD_MANIFEST_COLLECT="$manifests" swift test -c release -Xswiftc -enable-testing --disable-xctest "$@"
python3 scripts/check-manifests.py "$manifests" etc/manifest.schema.json
