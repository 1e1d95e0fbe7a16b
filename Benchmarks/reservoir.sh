#!/usr/bin/env bash
# What the reservoir costs the daemon: `segmentd run --once` on a 1,000,000-row file with the reservoir off
# (`[retrain] reservoir_rows = 0`: the scoring loop draws no key, nothing is recorded) and on (the default, 100,000
# rows over 30 days), same binary, same model, a fresh tree each run (an empty day: the worst case, every row of the
# day's first 3,334 copied). Rounds alternate off and on so load on a shared machine hits both alike; the medians of
# wall and CPU (user + system) seconds are printed, and the cost of "on" relative to "off".
# Usage: [SEGMENTD_BIN=path] [ROUNDS=7] [BENCH_DIR=/tmp/segmentd-reservoir-bench] bash Benchmarks/reservoir.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${SEGMENTD_BIN:-$(bash scripts/build-release.sh)}")"
rounds="${ROUNDS:-7}"
dir="${BENCH_DIR:-/tmp/segmentd-reservoir-bench}"
mkdir -p "$dir"
[ -f "$dir/gen-1000000.csv" ] || "$bin" generate --rows 1000000 --seed 1 "$dir/gen-1000000.csv"
[ -f "$dir/train-20k.csv" ] || "$bin" generate --rows 20000 --seed 1 "$dir/train-20k.csv"
[ -f "$dir/model.json" ] || "$bin" train "$dir/train-20k.csv" --output "$dir/model.json" >/dev/null

seconds() { # command… → "wall/cpu" seconds
    /usr/bin/time -f '%e/%U/%S' -o "$dir/time.txt" "$@" >/dev/null 2>&1
    awk -F/ '{ printf "%.2f/%.2f", $1, $2 + $3 }' "$dir/time.txt"
}
daemon_once() { # reservoir_rows → wall/cpu seconds of `run --once` on the 1,000,000-row file
    local tree="$dir/tree"
    rm -rf "$tree"
    mkdir -p "$tree"/{inbox,outbox,var,etc}
    cp "$dir/model.json" "$tree/var/model.json"
    printf 'model = "var/model.json"\nmin_age = 0.0\nmin_age_renamed = 0.0\n[http]\nenabled = false\n[retrain]\nreservoir_rows = %s\n' \
        "$1" >"$tree/etc/segmentd.toml"
    cp "$dir/gen-1000000.csv" "$tree/inbox/batch.csv"
    sync
    (cd "$tree" && seconds "$bin" run --once)
    if [ "$1" != 0 ] && [ ! -f "$tree/var/reservoir.sqlite" ]; then echo "no reservoir written" >&2; exit 1; fi
}

declare -A results
for round in $(seq 1 "$rounds"); do
    results[off]+="$(daemon_once 0) "
    results[on]+="$(daemon_once 100000) "
done
median() { tr ' ' '\n' | grep -v '^$' | cut -d/ -f"$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for key in off on; do
    printf 'reservoir %-3s median wall %.2f s, cpu %.2f s   rounds (wall/cpu): %s\n' "$key" \
        "$(echo "${results[$key]}" | median 1)" "$(echo "${results[$key]}" | median 2)" "${results[$key]}"
done
for field in 1 2; do
    off=$(echo "${results[off]}" | median $field); on=$(echo "${results[on]}" | median $field)
    printf '%s: run --once with the reservoir vs without %+.1f%%\n' "$([ $field = 1 ] && echo wall || echo cpu)" \
        "$(echo "($on / $off - 1) * 100" | bc -l)"
done
rm -rf "$dir/tree" "$dir/time.txt"
