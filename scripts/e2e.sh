#!/usr/bin/env bash
# The browser test (tests/e2e): starts the demo on its own ports (E2E_HA_PORT 18123, E2E_SIM_PORT
# 18081), checks it in headless Chromium and takes screenshots (.demo-e2e/screenshots/;
# UPDATE_SCREENSHOTS=1 refreshes the README's, docs/screenshots/). Its last line is
# "e2e: N passed, M failed"; the exit status is non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh

# Debian's Chromium, or $CHROMIUM: Playwright must not (and here cannot) download its own browser.
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" && -z "${CHROMIUM:-}" ]]; then
    echo "e2e: installing Debian's chromium"
    sudo=()
    ((EUID == 0)) || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium fonts-liberation >/dev/null
fi
if [[ ! -x "$chromium" ]]; then
    echo "e2e: no browser at $chromium (set CHROMIUM=/path/to/chromium)" >&2
    exit 1
fi

# A hung browser or server must not hold CI: Ctrl-C it (the test then stops the demo) after 9 min.
exec timeout --signal=INT --kill-after=60 540 "$(default_venv)/bin/python" -m tests.e2e "$@"
