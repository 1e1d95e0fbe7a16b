# Sourced by the benchmark scripts: prints each figure beside its target and makes the script fail when a figure
# misses its target by more than the noise band measured for it.
#
# Targets and bands live in Benchmarks/Thresholds/<script>.txt (as swift-nio keeps its thresholds in
# Benchmarks/Thresholds/), one figure a line:   name  op  target  band
# op is >= (higher is better) or <= (lower is better); band is the measured noise as a fraction (0.10 = 10%). A figure
# fails when it is below target × (1 − band) for >=, or above target × (1 + band) for <=. A figure whose name is not
# in the file is printed as "no target" and never fails. Lines starting with # are comments.
#
# Usage: source Benchmarks/guard.sh; guard_load plugins; guard NAME VALUE "label" ...; guard_finish

guard_file=""
guard_failed=0

# guard_load SCRIPT: reads Benchmarks/Thresholds/SCRIPT.txt.
guard_load() {
    guard_file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/Thresholds/$1.txt"
    [ -f "$guard_file" ] || { echo "no threshold file $guard_file" >&2; exit 2; }
}

# guard NAME VALUE LABEL: prints LABEL, VALUE and NAME's target; remembers a miss beyond the noise band.
guard() {
    local name="$1" value="$2" label="$3" line op target band
    # A figure the script failed to measure or to read back is a failure, never a pass.
    if ! [[ "$value" =~ ^-?[0-9]+([.][0-9]+)?(e[-+]?[0-9]+)?$ ]]; then
        printf '%-58s %14s   NOT MEASURED (no number)\n' "$label" "'$value'"
        guard_failed=1
        return 0
    fi
    line="$(grep -E "^${name}[[:space:]]" "$guard_file" || true)"
    if [ -z "$line" ]; then
        printf '%-58s %14s   no target\n' "$label" "$value"
        return 0
    fi
    read -r _ op target band <<<"$line"
    awk -v v="$value" -v op="$op" -v t="$target" -v b="$band" -v label="$label" 'BEGIN {
        if (op == ">=") { limit = t * (1 - b); ok = (v >= t); pass = (v >= limit); worse = "<" }
        else { limit = t * (1 + b); ok = (v <= t); pass = (v <= limit); worse = ">" }
        status = ok ? "ok" : (pass ? "within the noise band" : "MISSED")
        printf "%-58s %14s   target %s %s (noise band %g%%: fails %s %g)   %s\n",
            label, v, op, t, b * 100, worse, limit, status
        exit pass ? 0 : 1
    }' || guard_failed=1
}

# guard_finish: exits 1 when a figure missed its target by more than its band.
guard_finish() {
    if [ "$guard_failed" -ne 0 ]; then
        echo "FAILED: a figure missed its target by more than its noise band (Benchmarks/Thresholds/)" >&2
        exit 1
    fi
    echo "all figures with a target are within their noise band"
}
