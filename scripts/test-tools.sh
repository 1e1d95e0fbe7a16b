#!/usr/bin/env bash
# Installs the Python tools the tests use (scripts/test-requirements.txt) into a virtual environment under .build/,
# so a Debian python3 (externally managed, PEP 668) is never touched. Sourced by scripts/test.sh, which puts the
# environment's bin/ first on PATH; safe to run again (pip skips what is installed).
set -euo pipefail
venv=.build/test-venv
if [ ! -x "$venv/bin/python3" ]; then
    if ! python3 -m venv "$venv" >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv "$venv"
    fi
fi
"$venv/bin/python3" -m pip install -q --disable-pip-version-check -r scripts/test-requirements.txt
export PATH="$PWD/$venv/bin:$PATH"
