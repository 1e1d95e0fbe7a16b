#!/usr/bin/env bash
# Installs the Python tools the tests use (scripts/test-requirements.txt) into a virtual environment under .build/,
# so a Debian python3 (externally managed, PEP 668) is never touched. Sourced by scripts/test.sh, which puts the
# environment's bin/ first on PATH; safe to run again (pip skips what is installed).
set -euo pipefail
venv=.build/test-venv
source scripts/python-venv.sh
python_venv "$venv" scripts/test-requirements.txt
export PATH="$PWD/$venv/bin:$PATH"

# promtool (Prometheus' checker, for the metrics exposition tests) out of Debian's `prometheus` package, unpacked
# under .build/test-tools without installing it (no server, no service); the tests find it there or at
# $SEGMENTD_PROMTOOL. Skipped when it is already unpacked.
tools=.build/test-tools
if [ ! -x "$tools/usr/bin/promtool" ]; then
    download=$(mktemp -d "${TMPDIR:-/tmp}/segmentd-promtool.XXXXXX")
    (cd "$download" && apt-get download -qq prometheus >/dev/null)
    mkdir -p "$tools"
    dpkg-deb -x "$download"/prometheus_*.deb "$download/root"
    mkdir -p "$tools/usr/bin"
    cp "$download/root/usr/bin/promtool" "$tools/usr/bin/promtool"
    rm -rf "$download"
fi
export SEGMENTD_PROMTOOL="$PWD/$tools/usr/bin/promtool"

# Debian's chromium, for the report's browser test (ReportBrowserTests renders a report headless to a PNG, a PDF and
# its DOM), and poppler-utils' pdftoppm, which renders the PDF's pages back to images. Installed the way
# bootstrap.sh installs packages, only when missing; as root the test runs chromium with --no-sandbox.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
