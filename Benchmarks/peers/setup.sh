#!/usr/bin/env bash
# Creates .build/peer-venv with the pinned polars and numpy of Benchmarks/peers/requirements.txt (from PyPI, with
# pip) and prints the path of its python. Safe to run again: pip skips what is installed. Usage:
#   python="$(bash Benchmarks/peers/setup.sh)"
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/peer-venv
if [ ! -x "$venv/bin/python3" ]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
fi
"$venv/bin/python3" -m pip install -q --disable-pip-version-check -r Benchmarks/peers/requirements.txt >&2
echo "$PWD/$venv/bin/python3"
