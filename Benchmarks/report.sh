#!/usr/bin/env bash
# The report's speed and size on a large file: `segmentd report --data` on a 1,000,000-row scored CSV (every row is
# assigned for the shares and confidence histograms; the scatter samples 5,000). Prints the figures beside their
# targets (Benchmarks/Thresholds/report.txt) and exits 1 when one misses beyond its noise band.
# Usage: [SEGMENTD_BIN=path] [ROUNDS=3] bash Benchmarks/report.sh   (best of ROUNDS runs)
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/guard.sh
guard_load report
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || sudo apt-get install -y -qq time; }
bin="${SEGMENTD_BIN:-$(bash scripts/build-release.sh)}"
work="${BENCH_DIR:-/tmp/segmentd-bench}"
rounds="${ROUNDS:-3}"
mkdir -p "$work"
[ -f "$work/gen-1000000.csv" ] || "$bin" generate --rows 1000000 --seed 1 "$work/gen-1000000.csv"
[ -f "$work/train-100k.csv" ] || "$bin" generate --rows 100000 --seed 2 "$work/train-100k.csv"
"$bin" train "$work/train-100k.csv" --k auto --output "$work/report-model.json" >/dev/null
"$bin" score "$work/gen-1000000.csv" "$work/report-scored.csv" --model "$work/report-model.json" >/dev/null
best=""
for _ in $(seq "$rounds"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" report "$work/report-model.json" \
        --data "$work/report-scored.csv" --output "$work/report.html" 2>/dev/null
    read -r seconds kb <"$work/time.txt"
    best="$(awk -v a="$seconds" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')"
done
echo "best of $rounds runs; peak RSS of the last: $((kb / 1024)) MB"
guard report_1m_s "$best" "report --data, 1,000,000 scored rows (s)"
guard report_1m_bytes "$(stat -c %s "$work/report.html")" "report --data, 1,000,000 scored rows (bytes)"
guard_finish
