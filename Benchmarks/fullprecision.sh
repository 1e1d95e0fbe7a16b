#!/usr/bin/env bash
# `segmentd score` on full-precision files (issue 19) against the polars + numpy peer (Benchmarks/peers/). Usage:
#   [SEGMENTD_BIN=path] [ROUNDS=5] bash Benchmarks/fullprecision.sh [rows]
# Input: `segmentd generate --precision full --seed 1` (six decimals on every number, 178 MB for 1,000,000 rows) and
# the same rows as JSON Lines (numbers written verbatim). Model: trained on 100,000 generated rows (seed 2), as in
# run.sh. First the peer is checked on the first 10,000 rows: it must give segmentd's segment on every row. Then
# ROUNDS alternating rounds of `segmentd score` CSV -> CSV and the peer (CSV -> CSV, polars' default threads,
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset), then ROUNDS rounds of `segmentd score` JSONL -> JSONL; every run
# writes a new file after a `sync`. Prints the best of each, rows/s, the ratio and the largest peak RSS beside the
# targets in Benchmarks/Thresholds/fullprecision.txt; exits 1 when one misses by more than its noise band.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/guard.sh
guard_load fullprecision
rows="${1:-1000000}"
rounds="${ROUNDS:-5}"
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null 2>&1 || sudo apt-get install -y -qq time; }
bin="${SEGMENTD_BIN:-$(bash scripts/build-release.sh)}"
python="$(bash Benchmarks/peers/setup.sh)"
peer="$PWD/Benchmarks/peers/polars_score.py"
work="${BENCH_DIR:-/tmp/segmentd-bench}"
mkdir -p "$work"

csv="$work/full-$rows.csv"
jsonl="$work/full-$rows.jsonl"
[ -f "$csv" ] || "$bin" generate --rows "$rows" --seed 1 --precision full "$csv"
if [ ! -f "$jsonl" ]; then
    # One object per row, the CSV's number text kept as it is (six decimals), a blank as null.
    "$python" - "$csv" "$jsonl" <<'PY'
import sys
with open(sys.argv[1]) as source, open(sys.argv[2], "w") as target:
    names = source.readline().rstrip("\n").split(",")
    keys = ['"%s":' % name for name in names]
    for line in source:
        fields = line.rstrip("\n").split(",")
        parts = [keys[0] + '"' + fields[0] + '"']
        parts += [key + (field or "null") for key, field in zip(keys[1:], fields[1:])]
        target.write("{" + ",".join(parts) + "}\n")
PY
fi
[ -f "$work/train-100k.csv" ] || "$bin" generate --rows 100000 --seed 2 "$work/train-100k.csv"
"$bin" train "$work/train-100k.csv" --output "$work/fullprec-model.json" >/dev/null
model="$work/fullprec-model.json"

# The peer must assign what segmentd assigns before its speed means anything.
head -10001 "$csv" >"$work/full-sample.csv"
rm -f "$work/full-sample.scored.csv"
"$bin" score "$work/full-sample.csv" "$work/full-sample.scored.csv" --model "$model" >/dev/null
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" "$peer" --check "$model" "$work/full-sample.csv" \
    "$work/full-sample.scored.csv" || guard_failed=1

# timed NAME command...: one run into a new file; appends "seconds peak-kB" to $work/NAME.times.
timed() {
    local name="$1"; shift
    rm -f "$work/fp-out".* "$work/fp-out.rejects.csv"
    sync
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || { cat "$work/out.txt"; exit 1; }
    cat "$work/time.txt" >>"$work/$name.times"
}
rm -f "$work"/{score_csv,peer_csv,score_jsonl}.times
for round in $(seq "$rounds"); do
    timed score_csv "$bin" score "$csv" "$work/fp-out.csv" --model "$model"
    timed peer_csv env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$python" "$peer" "$model" "$csv" "$work/fp-out.csv"
    echo "round $round: score $(cut -d' ' -f1 <(tail -1 "$work/score_csv.times")) s," \
        "peer $(cut -d' ' -f1 <(tail -1 "$work/peer_csv.times")) s (load $(cut -d' ' -f1 /proc/loadavg))"
done
for round in $(seq "$rounds"); do
    timed score_jsonl "$bin" score "$jsonl" "$work/fp-out.jsonl" --model "$model"
done
rm -f "$work/fp-out".* "$work/fp-out.rejects.csv"

best() { sort -n "$work/$1.times" | head -1 | cut -d' ' -f1; }
peak_mb() { awk '$2 > m { m = $2 } END { printf "%.1f", m / 1024 }' "$work/$1.times"; }
rate() { awk -v r="$rows" -v s="$1" 'BEGIN { printf "%.0f", r / s }'; }
score_s="$(best score_csv)"
peer_s="$(best peer_csv)"
jsonl_s="$(best score_jsonl)"
echo "best of $rounds: score CSV $score_s s, peer $peer_s s, score JSONL $jsonl_s s ($rows full-precision rows," \
    "$(du -m "$csv" | cut -f1) MB CSV, $(du -m "$jsonl" | cut -f1) MB JSONL)"
case "$rows" in
    1000000) suffix="" ;;
    *) suffix="_${rows}" ;;  # other sizes are printed without a target
esac
guard "score_csv_rows_per_s$suffix" "$(rate "$score_s")" "score $rows full-precision rows CSV -> CSV, rows/s"
guard "peer_csv_rows_per_s$suffix" "$(rate "$peer_s")" "polars + numpy peer, same file, rows/s"
guard "ratio_to_peer$suffix" "$(awk -v a="$peer_s" -v b="$score_s" 'BEGIN { printf "%.2f", a / b }')" \
    "score vs the peer (peer time / score time)"
guard "score_csv_peak_rss_mb$suffix" "$(peak_mb score_csv)" "score CSV, peak RSS (MB, largest of $rounds)"
guard "score_jsonl_rows_per_s$suffix" "$(rate "$jsonl_s")" "score $rows full-precision rows JSONL -> JSONL, rows/s"
guard "score_jsonl_peak_rss_mb$suffix" "$(peak_mb score_jsonl)" "score JSONL, peak RSS (MB, largest of $rounds)"
guard_finish
