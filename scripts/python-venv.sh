# Sourced by scripts/test-tools.sh and Benchmarks/peers/setup.sh: `python_venv DIR REQUIREMENTS` creates a virtual
# environment at DIR once (installing Debian's python3-venv when python3 cannot make one) and pip-installs the
# REQUIREMENTS file into it, so a Debian python3 (externally managed, PEP 668) is never touched. Safe to run again: pip
# skips what is installed. pip's output goes to standard error.
python_venv() {
    local venv="$1" requirements="$2"
    if [ ! -x "$venv/bin/python3" ]; then
        if ! python3 -m venv "$venv" >/dev/null 2>&1; then
            local sudo=""
            [ "$(id -u)" -ne 0 ] && sudo="sudo"
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
            python3 -m venv "$venv"
        fi
    fi
    "$venv/bin/python3" -m pip install -q --disable-pip-version-check -r "$requirements" >&2
}
