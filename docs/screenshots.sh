#!/usr/bin/env bash
# Regenerates docs/report-history.png, the README's picture of a drift history: a daemon (run --once under faketime,
# one run per UTC day) scores 6,000 generated customers a day for 14 days, the last five shifted further and further
# (`generate --shift PURCHASES=...`); `segmentd report --history` draws what it counted and chromium screenshots the
# "Over time" section. Needs a built segmentd (SEGMENTD_BIN, default .build/release/segmentd), Debian's faketime
# and chromium. Not part of the tests: the tests check the same charts' marks against a real daemon's counts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${SEGMENTD_BIN:-.build/release/segmentd}")"
for tool in faketime chromium; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install $tool)" >&2; exit 69; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/segmentd-shots.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/plugins.d" "$work/inbox" "$work/outbox" "$work/stage" "$work/var"
cp etc/pipeline.toml etc/segments.toml "$work/etc/"
printf 'min_age = 0.0\nmodel = "var/model.json"\n[http]\nenabled = false\n' >"$work/etc/segmentd.toml"
cd "$work"
faketime '2026-11-01 08:00:00' "$bin" generate --rows 20000 --seed 100 stage/train.csv >/dev/null
mkdir -p var
faketime '2026-11-01 08:00:00' "$bin" train stage/train.csv --k auto --output var/model.json >/dev/null
shifts=(1 1 1 1 1 1 1 1 1 1.3 1.6 2 2.5 3)
for day in $(seq 1 14); do
    date="2026-11-$(printf %02d $((day + 1))) 09:00:00"
    shift_factor="${shifts[$((day - 1))]}"
    args=()
    [ "$shift_factor" != 1 ] && args=(--shift "PURCHASES=$shift_factor")
    "$bin" generate --rows 6000 --seed "$day" "${args[@]}" "stage/day$day.csv" >/dev/null
    mv "stage/day$day.csv" inbox/
    faketime "$date" "$bin" run --once --config etc/segmentd.toml >/dev/null 2>&1
done
faketime '2026-11-15 18:00:00' "$bin" report --history --config etc/segmentd.toml --output report.html 2>/dev/null
python3 - <<'EOF'
page = open("report.html").read()
head = page[: page.index("<main>") + 6]
start = page.index('<section id="history">')
end = page.index("</section>", start) + len("</section>")
open("history.html", "w").write(head + page[start:end] + "</main></body></html>")
EOF
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=0.7 \
    --window-size=900,1900 --screenshot="$work/history.png" "file://$work/history.html" 2>/dev/null
cd - >/dev/null
cp "$work/history.png" docs/report-history.png
echo "wrote docs/report-history.png ($(stat -c %s docs/report-history.png) bytes)"
