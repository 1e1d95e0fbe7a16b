#!/usr/bin/env bash
# Reproduces the README's speed and memory figures (release build). Usage: bash Benchmarks/run.sh [rows]
# Needs ../shared/data/CC_GENERAL.csv for the training figures on the real file.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
bash scripts/bootstrap.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || sudo apt-get install -y -qq time; }
bin="$(bash scripts/build-release.sh)"
work="${BENCH_DIR:-/tmp/segmentd-bench}"
mkdir -p "$work"
cc="../shared/data/CC_GENERAL.csv"

measure() { # label, command... : prints wall seconds and peak RSS
    local label="$1"; shift
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    read -r seconds kb <"$work/time.txt"
    printf '%-44s %8.2f s  %7.1f MB peak RSS\n' "$label" "$seconds" "$(awk -v kb="$kb" 'BEGIN { print kb / 1024 }')"
}

[ -f "$work/gen-$rows.csv" ] || "$bin" generate --rows "$rows" --seed 1 "$work/gen-$rows.csv"
[ -f "$work/train-100k.csv" ] || "$bin" generate --rows 100000 --seed 2 "$work/train-100k.csv"
"$bin" train "$work/train-100k.csv" --output "$work/model.json" >/dev/null

if [ -f "$cc" ]; then
    measure "train CC_GENERAL k=5" "$bin" train "$cc" --k 5 --output "$work/cc5.json"
    measure "train CC_GENERAL --k auto (2..10, exact)" "$bin" train "$cc" --k auto --output "$work/ccauto.json"
fi
[ -f "$work/gen-1000000.csv" ] || "$bin" generate --rows 1000000 --seed 1 "$work/gen-1000000.csv"
measure "train 1,000,000 generated rows k=5" "$bin" train "$work/gen-1000000.csv" --k 5 --output "$work/m1m.json"
rm -f "$work/scored.csv" "$work/scored.rejects.csv"  # a new output, not the truncation of the last one
sync  # untimed: the timed run does not inherit the training runs' dirty pages to write back
measure "score $rows rows CSV -> CSV" "$bin" score "$work/gen-$rows.csv" "$work/scored.csv" --model "$work/model.json"
tail -1 "$work/out.txt"
