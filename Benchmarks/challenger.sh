#!/usr/bin/env bash
# What a challenger costs the daemon: CPU (user + system) and wall time of `segmentd run --once` on a 1,000,000-row
# file with `[challenger] mode = "off"`, "shadow" and "ab" (share 0.5), the champion and the challenger trained on
# 20,000 generated rows of two seeds. Rounds alternate the modes so load on a shared machine hits all alike; the
# median of each is printed, and the shadow cost (issue 17: at most +60% CPU) beside its target
# (Benchmarks/Thresholds/challenger.txt). The A/B figure has no target: it is printed for the README.
# Usage: [ROUNDS=5] [SEGMENTD_BIN=path] [BENCH_DIR=/tmp/segmentd-challenger-bench] bash Benchmarks/challenger.sh
# (needs /usr/bin/time and bc). SEGMENTD_BIN=path measures that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/guard.sh
guard_load challenger
rounds="${ROUNDS:-5}"
bin="$(realpath "${SEGMENTD_BIN:-$(bash scripts/build-release.sh)}")"
dir="${BENCH_DIR:-/tmp/segmentd-challenger-bench}"
mkdir -p "$dir"
[ -f "$dir/gen-1000000.csv" ] || "$bin" generate --rows 1000000 --seed 1 "$dir/gen-1000000.csv"
[ -f "$dir/train-1.csv" ] || "$bin" generate --rows 20000 --seed 1 "$dir/train-1.csv"
[ -f "$dir/train-2.csv" ] || "$bin" generate --rows 20000 --seed 2 "$dir/train-2.csv"
tree="$dir/tree"
rm -rf "$tree"
mkdir -p "$tree"/{inbox,outbox,var,etc}
(cd "$tree" && "$bin" train "$dir/train-1.csv" >/dev/null)
challenger="$(cd "$tree" && "$bin" train "$dir/train-2.csv" --previous champion | awk '/^registered / { print $2 }')"
(cd "$tree" && "$bin" models promote "$challenger" --as challenger >/dev/null)

once() { # mode → "wall/cpu" seconds of `run --once` on the 1,000,000-row file
    rm -rf "$tree"/{inbox,outbox,var/work,var/archive,var/failed,var/ledger.sqlite*} "$tree/var/state"
    mkdir -p "$tree"/{inbox,outbox}
    printf 'model = "registry:champion"\nmin_age = 0.0\nmin_age_renamed = 0.0\n[challenger]\nmode = "%s"\n' "$1" \
        >"$tree/etc/segmentd.toml"
    cp "$dir/gen-1000000.csv" "$tree/inbox/batch.csv"
    (cd "$tree" && /usr/bin/time -f '%e/%U/%S' -o "$dir/time.txt" "$bin" run --once >/dev/null 2>&1)
    awk -F/ '{ printf "%.2f/%.2f", $1, $2 + $3 }' "$dir/time.txt"
}

declare -A results
for round in $(seq 1 "$rounds"); do
    for mode in off shadow ab; do results[$mode]+="$(once "$mode") "; done
done
# median FIELD (1 wall, 2 cpu) of "wall/cpu" words
median() { tr ' ' '\n' | grep -v '^$' | cut -d/ -f"$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for mode in off shadow ab; do
    printf '%-7s median wall %.2f s, cpu %.2f s   rounds (wall/cpu): %s\n' "$mode" \
        "$(echo "${results[$mode]}" | median 1)" "$(echo "${results[$mode]}" | median 2)" "${results[$mode]}"
done
off=$(echo "${results[off]}" | median 2)
shadow=$(echo "${results[shadow]}" | median 2)
ab=$(echo "${results[ab]}" | median 2)
guard shadow_cpu_increase_pct "$(printf '%.1f' "$(echo "($shadow / $off - 1) * 100" | bc -l)")" \
    "shadow: CPU of run --once vs mode off, %"
guard ab_cpu_increase_pct "$(printf '%.1f' "$(echo "($ab / $off - 1) * 100" | bc -l)")" \
    "ab (SHA-256 per row): CPU of run --once vs mode off, %"
rm -rf "$tree" "$dir/time.txt"
guard_finish
