#!/usr/bin/env bash
# Plugin overhead (release build): 1,000,000 generated rows through `segmentd run --once`, with the shipped default
# plugins (etc/plugins.d: campaign + pricing + migration) and with none; prints rows/s for both and their ratio.
# Each case runs in a fresh daemon tree (empty ledger and plugin state); prints the best and the median of REPEAT
# (default 5) runs. The medians are checked against the README's targets (Benchmarks/Thresholds/plugins.txt): the
# script exits 1 when one misses by more than its noise band. SEGMENTD_BIN=path measures that binary instead of
# building one.
# Usage: [REPEAT=5] [SEGMENTD_BIN=path] bash Benchmarks/plugins.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/guard.sh
guard_load plugins
rows="${1:-1000000}"
repeat="${REPEAT:-5}"
bin="${SEGMENTD_BIN:-$(bash scripts/build-release.sh)}"
plugins_source="$PWD/etc/plugins.d"
data="${BENCH_DIR:-/tmp/segmentd-bench}"
mkdir -p "$data"
[ -f "$data/gen-$rows.csv" ] || "$bin" generate --rows "$rows" --seed 1 "$data/gen-$rows.csv"
[ -f "$data/train-20k.csv" ] || "$bin" generate --rows 20000 --seed 1 "$data/train-20k.csv"

tree="$(mktemp -d /tmp/segmentd-plugins-bench.XXXXXX)"
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/model"
"$bin" train "$data/train-20k.csv" --output "$tree/model/model.json" >/dev/null

# One run: a fresh tree whose plugins.d holds the given files; prints the wall seconds of `run --once`.
run_once() {
    local case_dir="$tree/$1"; shift
    rm -rf "$case_dir"
    mkdir -p "$case_dir"/{inbox,outbox,var,etc/plugins.d}
    for file in "$@"; do cp "$file" "$case_dir/etc/plugins.d/"; done
    printf 'model = "%s"\nmin_age = 0.0\n' "$tree/model/model.json" >"$case_dir/etc/segmentd.toml"
    ln "$data/gen-$rows.csv" "$case_dir/inbox/bench.csv" 2>/dev/null || cp "$data/gen-$rows.csv" "$case_dir/inbox/bench.csv"
    (cd "$case_dir" && "$bin" plugins >&2)
    local start end
    sync  # untimed: no run inherits the last one's dirty pages to write back
    start=$(date +%s.%N)
    (cd "$case_dir" && "$bin" run --once >/dev/null 2>"$case_dir/daemon.log") || { cat "$case_dir/daemon.log" >&2; exit 1; }
    end=$(date +%s.%N)
    grep -q '"scored"' "$case_dir/outbox/bench.manifest.json" || { echo "bench.csv was not scored" >&2; exit 1; }
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

# Case name, plugin files...: "best median" wall seconds over $repeat runs.
timings() {
    local name="$1"; shift
    local all=""
    for _ in $(seq 1 "$repeat"); do all="$all $(run_once "$name" "$@")"; done
    echo $all | tr ' ' '\n' | sort -n | awk '{ a[NR] = $1 } END { printf "%s %s\n", a[1], a[int((NR + 1) / 2)] }'
}

read -r none_s none_median < <(timings none)
read -r default_s default_median < <(timings default "$plugins_source"/*.toml)
echo "plugins in the default run: $(jq -r '[.plugins[].name] | join(", ")' "$tree/default/outbox/bench.manifest.json" 2>/dev/null \
    || grep -o '"name" : "[a-z]*"' "$tree/default/outbox/bench.manifest.json" | tr '\n' ' ')"
awk -v rows="$rows" -v none="$none_s" -v with="$default_s" -v nonem="$none_median" -v withm="$default_median" \
    -v runs="$repeat" 'BEGIN {
    printf "best of %d runs (median in brackets):\n", runs
    printf "no plugins:       %.3f s  %10.0f rows/s   (%.3f s  %10.0f rows/s)\n", none, rows / none, nonem, rows / nonem
    printf "default plugins:  %.3f s  %10.0f rows/s   (%.3f s  %10.0f rows/s)\n", with, rows / with, withm, rows / withm
    printf "ratio (default / none throughput): %.2f (%.2f)\n", none / with, nonem / withm
}'
if [ "$rows" = 1000000 ]; then
    guard plugins_default_median_rows_per_s "$(awk -v r="$rows" -v s="$default_median" 'BEGIN { printf "%.0f", r / s }')" \
        "default plugins, median rows/s"
    guard plugins_ratio_median "$(awk -v a="$none_median" -v b="$default_median" 'BEGIN { printf "%.3f", a / b }')" \
        "default / no plugins throughput, median"
else
    echo "(the targets are for 1,000,000 rows: $rows rows are printed only)"
fi
guard_finish
