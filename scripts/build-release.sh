#!/usr/bin/env bash
# Builds the segmentd binary to deploy and prints its path: release, with the Swift runtime and Foundation linked
# in, so it needs only the C libraries bootstrap.sh installs (and starts about 15 ms sooner, with no dynamic symbol
# binding). It gets a build directory of its own, .build-static: turning --static-swift-stdlib on and off in one
# directory rebuilds everything each time. Used by scripts/run.sh and the benchmarks.
#
# On x86_64 the code is compiled for SEGMENTD_TARGET_CPU: by default haswell (AVX2, FMA and BMI2) when this machine's
# CPU has those, else generic x86-64, so the binary always runs where it was built. With haswell the SIMD scoring
# kernels use 256-bit registers: about 12% less CPU per scored row here. The outputs do not change: scored files and
# model files were compared byte for byte with a generic build. SEGMENTD_TARGET_CPU=x86-64 builds for any x86-64 CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=()
if [ "$(uname -m)" = x86_64 ]; then
    cpu=x86-64
    cpu_flags="$(grep -m1 '^flags' /proc/cpuinfo || true)"
    if [[ " $cpu_flags " == *" avx2 "* && " $cpu_flags " == *" fma "* && " $cpu_flags " == *" bmi2 "* ]]; then
        cpu=haswell
    fi
    flags=(-Xswiftc -target-cpu -Xswiftc "${SEGMENTD_TARGET_CPU:-$cpu}")
fi
swift build -c release --static-swift-stdlib --scratch-path .build-static --product segmentd "${flags[@]}" >&2
echo "$PWD/.build-static/release/segmentd"
