#!/usr/bin/env bash
# The demo: the charger simulator and a real Home Assistant with the charger on the README's
# dashboard (see tools/demo/run.py). Ctrl-C stops everything; the next run starts from scratch.
# Ports: DEMO_HA_PORT (8123), DEMO_SIM_PORT (18080); directory: DEMO_DIR (.demo).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh
exec "$(default_venv)/bin/python" -m demo
