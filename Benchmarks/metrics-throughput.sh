#!/usr/bin/env bash
# The daemon's file throughput with and without the metrics recording (issue 16: within 5%): a 1,000,000-row file
# renamed into the inbox of each binary's daemon, landing to manifest, in alternating rounds so drift on the machine
# hits both alike; prints each round and the median of each, wall time and the daemon's CPU time (steadier on a
# shared machine). Usage:
#   BEFORE=path/to/segmentd-without AFTER=path/to/segmentd-with [ROUNDS=9] bash Benchmarks/metrics-throughput.sh
# AFTER defaults to .build/release/segmentd. Needs python3 (harness only). Both daemons listen for HTTP on a port the
# system picks; BEFORE_HTTP / AFTER_HTTP add lines to a side's [http] (`enabled = false`), SCRAPE_SIDE=before|after
# has curl GET that side's /metrics every second, and SOURCE_ROWS=N drops an N-row file instead (for the latency
# of small files; the medians then have four decimals). Benchmarks/http.sh compares one binary with its server on
# and scraped against off this way.
set -euo pipefail
cd "$(dirname "$0")/.."
before="${BEFORE:?BEFORE=path of the segmentd binary without metrics}"
after="${AFTER:-$PWD/.build/release/segmentd}"
rounds="${ROUNDS:-9}"
data="${BENCH_DIR:-/tmp/segmentd-bench}"
mkdir -p "$data"
source_rows="${SOURCE_ROWS:-1000000}"
source="$data/gen-$source_rows.csv"
[ -f "$source" ] || "$after" generate --rows "$source_rows" --seed 1 "$source"
[ -f "$data/train-20k.csv" ] || "$after" generate --rows 20000 --seed 1 "$data/train-20k.csv"
work="$(mktemp -d /tmp/segmentd-metrics-bench.XXXXXX)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

harness="$work/harness.py"
cat >"$harness" <<'PY'
import ctypes, os, shutil, struct, sys, time
libc = ctypes.CDLL("libc.so.6", use_errno=True)
tree, source, stem, pid = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def cpu():
    # utime + stime of the daemon, in clock ticks: its CPU time, steadier than wall time on a shared machine.
    fields = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

fd = libc.inotify_init()
libc.inotify_add_watch(fd, os.path.join(tree, "outbox").encode(), 0x80)  # IN_MOVED_TO: manifests are renamed in
staged = os.path.join(tree, "stage", stem + ".csv")
shutil.copyfile(source, staged)
os.sync()
cpu_start = cpu()
start = time.perf_counter()
os.rename(staged, os.path.join(tree, "inbox", stem + ".csv"))
while True:
    buf = os.read(fd, 65536)
    now = time.perf_counter()
    offset, done = 0, False
    while offset < len(buf):
        _, _, _, length = struct.unpack_from("iIII", buf, offset)
        name = buf[offset + 16: offset + 16 + length].rstrip(b"\0").decode()
        offset += 16 + length
        done = done or name == stem + ".manifest.json"
    if done:
        time.sleep(0.05)  # the daemon archives the input after the manifest
        print("%.4f %.2f" % (now - start, cpu() - cpu_start))
        break
PY

for side in before after; do
    bin="${!side}"
    mkdir -p "$work/$side"/{inbox,outbox,var,etc,stage}
    extra="${side^^}_HTTP"
    printf 'model = "var/model.json"\nmin_age = 0.5\nmin_age_renamed = 0.0\nduplicates = "rescore"\n%s\n%s\n%s\n' \
        '[http]' 'listen = "127.0.0.1:0"' \
        "${!extra:-}" >"$work/$side/etc/segmentd.toml"
    (cd "$work/$side" && "$bin" train "$data/train-20k.csv" --output var/model.json >/dev/null)
    (cd "$work/$side" && exec "$bin" run 2>>"$work/$side/daemon.log") &
    pids+=($!)
    eval "pid_$side=$!"
    for _ in $(seq 1 200); do grep -q starting "$work/$side/daemon.log" 2>/dev/null && break; sleep 0.05; done
done
if [ -n "${SCRAPE_SIDE:-}" ]; then
    for _ in $(seq 1 200); do grep -q 'listening on' "$work/$SCRAPE_SIDE/daemon.log" && break; sleep 0.05; done
    address="$(sed -nE 's/.*HTTP server listening on ([^ ]+).*/\1/p' "$work/$SCRAPE_SIDE/daemon.log" | head -1)"
    [ -n "$address" ] || { echo "the $SCRAPE_SIDE daemon has no HTTP server to scrape" >&2; exit 1; }
    (while sleep 1; do curl -sf -o /dev/null "http://$address/metrics" || echo "scrape failed" >&2; done) &
    pids+=($!)
fi
sleep 0.5
for round in $(seq 1 "$rounds"); do
    for side in before after; do
        pid="pid_$side"
        read -r seconds cpu < <(python3 "$harness" "$work/$side" "$source" "r$round" "${!pid}")
        rm -rf "$work/$side/outbox"/* "$work/$side/var/archive"/*
        echo "$side $seconds $cpu" >>"$work/results.txt"
        printf 'round %d %-6s %s s wall, %s s CPU\n' "$round" "$side" "$seconds" "$cpu"
    done
done
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.4f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for side in before after; do
    printf '%-6s median over %d rounds: %s s wall, %s s daemon CPU\n' "$side" "$rounds" \
        "$(awk -v s="$side" '$1 == s { print $2 }' "$work/results.txt" | median)" \
        "$(awk -v s="$side" '$1 == s { print $3 }' "$work/results.txt" | median)"
done
