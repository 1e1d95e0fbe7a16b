#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test (release build: the numeric tests are heavy).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
swift test -c release -Xswiftc -enable-testing --disable-xctest "$@"
