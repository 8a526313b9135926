#!/usr/bin/env bash
# The demo: for now the charger simulator with an EV that plugs in after 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

bash scripts/setup.sh
port=${SIM_PORT:-8080}
echo "demo: charger simulator on http://127.0.0.1:$port (Ctrl-C stops it)"
exec "$(default_venv)/bin/python" -m lektrico_sim --host 127.0.0.1 --port "$port" \
    --model 3p22k --install-current 32 --plug-after 10 --ev-max-current 16
