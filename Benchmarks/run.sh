#!/usr/bin/env bash
# Reproduces the README's speed and memory figures (release build). Usage: [SEGMENTD_BIN=path] bash Benchmarks/run.sh [rows]
# Needs ../shared/data/CC_GENERAL.csv for the training figures on the real file. Each figure is printed beside its
# target (Benchmarks/Thresholds/run.txt, from the README's Performance table); the script exits 1 when a figure misses
# its target by more than its noise band. SEGMENTD_BIN=path measures that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/guard.sh
guard_load run
rows="${1:-1000000}"
bash scripts/bootstrap.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || sudo apt-get install -y -qq time; }
bin="${SEGMENTD_BIN:-$(bash scripts/build-release.sh)}"
work="${BENCH_DIR:-/tmp/segmentd-bench}"
mkdir -p "$work"
cc="../shared/data/CC_GENERAL.csv"

# measure NAME LABEL command...: runs the command, prints its wall seconds and peak RSS; sets seconds and mb.
measure() {
    local name="$1" label="$2"; shift 2
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    read -r seconds kb <"$work/time.txt"
    mb="$(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }')"
    guard "$name" "$seconds" "$label (s)"
}

[ -f "$work/gen-$rows.csv" ] || "$bin" generate --rows "$rows" --seed 1 "$work/gen-$rows.csv"
[ -f "$work/train-100k.csv" ] || "$bin" generate --rows 100000 --seed 2 "$work/train-100k.csv"
"$bin" train "$work/train-100k.csv" --output "$work/model.json" >/dev/null

if [ -f "$cc" ]; then
    measure train_cc_k5_s "train CC_GENERAL k=5" "$bin" train "$cc" --k 5 --output "$work/cc5.json"
    measure train_cc_auto_s "train CC_GENERAL --k auto (2..10, exact)" "$bin" train "$cc" --k auto --output "$work/ccauto.json"
fi
[ -f "$work/gen-1000000.csv" ] || "$bin" generate --rows 1000000 --seed 1 "$work/gen-1000000.csv"
measure train_1m_k5_s "train 1,000,000 generated rows k=5" "$bin" train "$work/gen-1000000.csv" --k 5 --output "$work/m1m.json"
guard train_1m_k5_peak_rss_mb "$mb" "train 1,000,000 generated rows k=5, peak RSS (MB)"
rm -f "$work/scored.csv" "$work/scored.rejects.csv"  # a new output, not the truncation of the last one
sync  # untimed: the timed run does not inherit the training runs' dirty pages to write back
# The README's targets are for 1,000,000 rows (throughput) and 5,000,000 rows (peak RSS); other sizes are printed only.
case "$rows" in
    1000000) speed=score_1m_rows_per_s; memory=score_1m_peak_rss_mb ;;
    5000000) speed=score_5m_rows_per_s; memory=score_5m_peak_rss_mb ;;
    *) speed=score_rows_per_s; memory=score_peak_rss_mb ;;
esac
measure score_s "score $rows rows CSV -> CSV" "$bin" score "$work/gen-$rows.csv" "$work/scored.csv" --model "$work/model.json"
tail -1 "$work/out.txt"
guard "$speed" "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')" "score $rows rows, rows/s"
guard "$memory" "$mb" "score $rows rows, peak RSS (MB)"
# Full-precision files against the polars + numpy peer (issue 19): its own figures, targets and noise bands.
SEGMENTD_BIN="$bin" bash Benchmarks/fullprecision.sh || guard_failed=1
guard_finish
