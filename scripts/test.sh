#!/usr/bin/env bash
# Every check CI runs: set-up, lint, types, the test suite on each supported Home Assistant, and
# the browser test of the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh
tools=$(default_venv)/bin

echo "== ruff format"
"$tools/ruff" format --check .
echo "== ruff lint"
"$tools/ruff" check .
echo "== mypy --strict (the integration with its client and control laws, simulators, benchmark)"
"$tools/mypy" --strict custom_components/lektrico_local tools/lektrico_sim tools/solar_sim \
    tools/fuse_sim tools/planner_sim tools/scenario_cli tools/benchmarks

# pytest's argument parser warns about a plugin's option on newer Home Assistant test harnesses.
export PYTHONWARNINGS="ignore:Do not expect file_or_dir:UserWarning"
failed=()
for ha in "${HA_VERSIONS[@]}"; do
    echo "== pytest on Home Assistant $ha"
    report=".coverage-$ha.json"
    if ! "$(venv_for "$ha")/bin/python" -m pytest -q \
        --cov=custom_components.lektrico_local --cov-report=term:skip-covered \
        --cov-report="json:$report" --cov-fail-under=95 "$@"; then
        failed+=("$ha")
    # The total can hide a module that is barely tested: each one must be above the bar too.
    elif ! "$tools/python" scripts/check_coverage.py "$report"; then
        failed+=("$ha")
    fi
done
echo "== browser test: the demo in headless Chromium (scripts/e2e.sh)"
e2e_failed=0
bash scripts/e2e.sh || e2e_failed=1

if ((${#failed[@]})); then
    echo "tests failed on Home Assistant ${failed[*]}"
    exit 1
fi
if ((e2e_failed)); then
    echo "the browser test failed"
    exit 1
fi
echo "all checks passed on Home Assistant ${HA_VERSIONS[*]}"
