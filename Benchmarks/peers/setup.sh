#!/usr/bin/env bash
# Creates .build/peer-venv with the pinned polars and numpy of Benchmarks/peers/requirements.txt (from PyPI, with
# pip) and prints the path of its python. Safe to run again: pip skips what is installed. Usage:
#   python="$(bash Benchmarks/peers/setup.sh)"
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=.build/peer-venv
source scripts/python-venv.sh
python_venv "$venv" Benchmarks/peers/requirements.txt
echo "$PWD/$venv/bin/python3"
