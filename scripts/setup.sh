#!/usr/bin/env bash
# Creates one virtual environment per supported Home Assistant version under .venv/.
# Idempotent: an environment whose requirements have not changed is kept as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

python=$(find_python313)
echo "setup: using $python ($("$python" --version 2>&1))"

for ha in "${HA_VERSIONS[@]}"; do
    venv=$(venv_for "$ha")
    stamp="$venv/.requirements"
    wanted="$(phcc_for "$ha") $(cat requirements-dev.txt | tr '\n' ' ')"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
        echo "setup: $venv is up to date"
        continue
    fi
    echo "setup: building $venv for Home Assistant $ha (a cold cache takes about 5 minutes)"
    rm -rf "$venv"
    "$python" -m venv "$venv"
    extra=()
    if ! python_satisfies "$python" "$(ha_requires_python "$ha")"; then
        echo "setup: Home Assistant $ha asks for Python $(ha_requires_python "$ha");" \
             "$("$python" --version 2>&1) is older, so pip runs with --ignore-requires-python"
        extra+=(--ignore-requires-python)
    fi
    # This machine's pip configuration names local mirrors that may be absent: drop that noise.
    {
        "$venv/bin/python" -m pip install -q --upgrade pip
        "$venv/bin/python" -m pip install -q "${extra[@]}" \
            "pytest-homeassistant-custom-component==$(phcc_for "$ha")" -r requirements-dev.txt
    } 2>&1 | sed '/^WARNING: Location .* is ignored/d'
    echo "$wanted" >"$stamp"
done

# Extras go into the newest venv on top, so adding one does not rebuild Home Assistant.
venv=$(default_venv)
extras_stamp="$venv/.extras"
if [[ ! -f "$extras_stamp" ]] || ! cmp -s requirements-extra.txt "$extras_stamp"; then
    echo "setup: installing requirements-extra.txt into $venv"
    "$venv/bin/python" -m pip install -q -r requirements-extra.txt 2>&1 | sed '/^WARNING: Location .* is ignored/d'
    cp requirements-extra.txt "$extras_stamp"
fi
