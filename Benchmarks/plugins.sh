#!/usr/bin/env bash
# Plugin overhead (release build): 1,000,000 generated rows through `segmentd run --once`, with the shipped default
# plugins (etc/plugins.d: campaign + pricing + migration) and with none; prints rows/s for both and their ratio.
# Each case runs in a fresh daemon tree (empty ledger and plugin state), best of REPEAT (default 3) runs.
# Usage: bash Benchmarks/plugins.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
repeat="${REPEAT:-3}"
bin="$(bash scripts/build-release.sh)"
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
    start=$(date +%s.%N)
    (cd "$case_dir" && "$bin" run --once >/dev/null 2>"$case_dir/daemon.log") || { cat "$case_dir/daemon.log" >&2; exit 1; }
    end=$(date +%s.%N)
    grep -q '"scored"' "$case_dir/outbox/bench.manifest.json" || { echo "bench.csv was not scored" >&2; exit 1; }
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }'
}

best() { # case name, plugin files...: best wall seconds over $repeat runs
    local name="$1"; shift
    local best_s="" s
    for _ in $(seq 1 "$repeat"); do
        s=$(run_once "$name" "$@")
        if [ -z "$best_s" ] || awk -v s="$s" -v b="$best_s" 'BEGIN { exit !(s < b) }'; then best_s="$s"; fi
    done
    echo "$best_s"
}

none_s=$(best none)
default_s=$(best default "$plugins_source"/*.toml)
echo "plugins in the default run: $(jq -r '[.plugins[].name] | join(", ")' "$tree/default/outbox/bench.manifest.json" 2>/dev/null \
    || grep -o '"name" : "[a-z]*"' "$tree/default/outbox/bench.manifest.json" | tr '\n' ' ')"
awk -v rows="$rows" -v none="$none_s" -v with="$default_s" 'BEGIN {
    printf "no plugins:       %.3f s  %10.0f rows/s\n", none, rows / none
    printf "default plugins:  %.3f s  %10.0f rows/s\n", with, rows / with
    printf "ratio (default / none throughput): %.2f   (targets: >= 1,000,000 rows/s and >= 0.50)\n", none / with
}'
