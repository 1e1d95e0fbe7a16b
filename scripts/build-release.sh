#!/usr/bin/env bash
# Builds the segmentd binary to deploy and prints its path: release, with the Swift runtime and Foundation linked
# in, so it needs only the C libraries bootstrap.sh installs (and starts about 15 ms sooner, with no dynamic symbol
# binding). It gets a build directory of its own, .build-static: turning --static-swift-stdlib on and off in one
# directory rebuilds everything each time. Used by scripts/run.sh and the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --scratch-path .build-static --product segmentd >&2
echo "$PWD/.build-static/release/segmentd"
