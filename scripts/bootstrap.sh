#!/usr/bin/env bash
# Installs what segmentd needs on Debian: the C libraries it links, pkg-config, python3 (the exec plugin's
# example child and its tests), git (the build records the commit it was built from; without git it says "unknown")
# and systemd (its systemd-analyze rates the shipped unit's hardening in the tests).
# Sourced by scripts/run.sh and scripts/test.sh; safe to run again (installs only what is missing).
set -euo pipefail

packages=(liblapacke-dev libinotifytools0-dev libsqlite3-dev pkg-config python3 git systemd)
missing=()
for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
    echo "swift is not on PATH: install the Swift 6.3 toolchain for Linux (swift.org) and run this again." >&2
    exit 1
fi
