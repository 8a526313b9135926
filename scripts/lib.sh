# Shared by the scripts: which Home Assistant versions we support and where their venvs live.
# shellcheck shell=bash

# The minimum (matches hacs.json) and the newest that installs on Python 3.13.
HA_VERSIONS=(2025.4.4 2026.2.3)

# pytest-homeassistant-custom-component release that pins each Home Assistant version.
phcc_for() {
    case "$1" in
        2025.4.4) echo 0.13.236 ;;
        2026.2.3) echo 0.13.316 ;;
        *) echo "unknown Home Assistant version $1" >&2; return 1 ;;
    esac
}

ha_requires_python() {
    case "$1" in
        2026.*) echo 3.13.2 ;;
        *) echo 3.13.0 ;;
    esac
}

venv_for() { echo ".venv/ha-$1"; }

# What is not the product (simulators, scenario runners, benchmark, demo) lives under tools/.
export PYTHONPATH="$PWD/tools${PYTHONPATH:+:$PYTHONPATH}"

# The newest venv is the one lint, type checks, the simulator and the demo use.
default_venv() { venv_for "${HA_VERSIONS[-1]}"; }

python_satisfies() {
    local python=$1 minimum=$2
    "$python" -c "import sys; sys.exit(sys.version_info[:3] < tuple(map(int, '$minimum'.split('.'))))"
}

# A Python 3.13 interpreter: $PYTHON, python3.13 on PATH, or a pyenv-installed one.
find_python313() {
    local candidates=()
    [[ -n "${PYTHON:-}" ]] && candidates+=("$PYTHON")
    candidates+=(python3.13 python3)
    if command -v pyenv >/dev/null 2>&1; then
        candidates+=("$(pyenv root)"/versions/3.13.*/bin/python3.13)
    fi
    candidates+=("$HOME"/.pyenv/versions/3.13.*/bin/python3.13 /usr/local/bin/python3.13 /usr/bin/python3.13)
    local c
    for c in "${candidates[@]}"; do
        if command -v "$c" >/dev/null 2>&1 &&
            "$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 13))' 2>/dev/null; then
            command -v "$c"
            return 0
        fi
    done
    echo "setup: no Python 3.13 found; install one (pyenv install 3.13) or set PYTHON=/path/to/python3.13" >&2
    return 1
}
