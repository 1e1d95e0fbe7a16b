#!/usr/bin/env bash
# What drift statistics cost: `segmentd score` (with and without --drift) and `segmentd run --once` on a
# 1,000,000-row file, for a binary without drift (BEFORE, e.g. a build of main) and one with it (AFTER), each with a
# model it trained itself on the same data (a format-1 model for BEFORE). Rounds alternate the binaries so load on a
# shared machine hits both alike; the median of each is printed, and the cost relative to BEFORE.
# Usage: BEFORE=path AFTER=path [ROUNDS=5] [BENCH_DIR=/tmp/segmentd-drift-bench] bash Benchmarks/drift.sh
set -euo pipefail
before="$(realpath "${BEFORE:?set BEFORE to a segmentd binary without drift}")"
after="$(realpath "${AFTER:?set AFTER to a segmentd binary with drift}")"
rounds="${ROUNDS:-5}"
dir="${BENCH_DIR:-/tmp/segmentd-drift-bench}"
mkdir -p "$dir"
[ -f "$dir/gen-1000000.csv" ] || "$after" generate --rows 1000000 --seed 1 "$dir/gen-1000000.csv"
[ -f "$dir/train-20k.csv" ] || "$after" generate --rows 20000 --seed 1 "$dir/train-20k.csv"
for side in before after; do
    bin="${!side}"
    [ -f "$dir/model-$side.json" ] || "$bin" train "$dir/train-20k.csv" --output "$dir/model-$side.json" >/dev/null
done

seconds() { # command… → "wall/cpu" seconds (cpu = user + system, steadier than wall on a shared machine)
    /usr/bin/time -f '%e/%U/%S' -o "$dir/time.txt" "$@" >/dev/null 2>&1
    awk -F/ '{ printf "%.2f/%.2f", $1, $2 + $3 }' "$dir/time.txt"
}
daemon_once() { # binary model → wall seconds of `run --once` on the 1,000,000-row file
    local tree="$dir/tree"
    rm -rf "$tree"
    mkdir -p "$tree"/{inbox,outbox,var,etc}
    cp "$2" "$tree/var/model.json"
    printf 'model = "var/model.json"\nmin_age = 0.0\nmin_age_renamed = 0.0\n' >"$tree/etc/segmentd.toml"
    cp "$dir/gen-1000000.csv" "$tree/inbox/batch.csv"
    (cd "$tree" && seconds "$1" run --once)
}

declare -A results
for round in $(seq 1 "$rounds"); do
    results[score_before]+="$(seconds "$before" score "$dir/gen-1000000.csv" "$dir/out.csv" --model "$dir/model-before.json") "
    results[score_after]+="$(seconds "$after" score "$dir/gen-1000000.csv" "$dir/out.csv" --model "$dir/model-after.json") "
    results[score_drift]+="$(seconds "$after" score "$dir/gen-1000000.csv" "$dir/out.csv" --model "$dir/model-after.json" --drift) "
    results[daemon_before]+="$(daemon_once "$before" "$dir/model-before.json") "
    results[daemon_after]+="$(daemon_once "$after" "$dir/model-after.json") "
done
# median FIELD (1 wall, 2 cpu) of "wall/cpu" words
median() { tr ' ' '\n' | grep -v '^$' | cut -d/ -f"$1" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for key in score_before score_after score_drift daemon_before daemon_after; do
    printf '%-14s median wall %.2f s, cpu %.2f s   rounds (wall/cpu): %s\n' "$key" \
        "$(echo "${results[$key]}" | median 1)" "$(echo "${results[$key]}" | median 2)" "${results[$key]}"
done
for field in 1 2; do
    sb=$(echo "${results[score_before]}" | median $field); sd=$(echo "${results[score_drift]}" | median $field)
    db=$(echo "${results[daemon_before]}" | median $field); da=$(echo "${results[daemon_after]}" | median $field)
    printf '%s: score --drift vs before %+.1f%%, run --once vs before %+.1f%%\n' "$([ $field = 1 ] && echo wall || echo cpu)" \
        "$(echo "($sd / $sb - 1) * 100" | bc -l)" "$(echo "($da / $db - 1) * 100" | bc -l)"
done
rm -rf "$dir/tree" "$dir/out.csv" "$dir/out.rejects.csv" "$dir/time.txt"
