SHELL := /bin/bash

.PHONY: setup test demo lint solar-scenarios fuse-scenarios planner-scenarios bench

setup:  ## one virtual environment per supported Home Assistant version
	bash scripts/setup.sh

test:  ## everything CI runs: lint, types, tests on every supported Home Assistant
	bash scripts/test.sh

demo:  ## the charger simulator (and, with the integration issue, Home Assistant)
	bash scripts/demo.sh

lint:
	bash scripts/setup.sh && . scripts/lib.sh && $$(default_venv)/bin/ruff format . && $$(default_venv)/bin/ruff check --fix .

solar-scenarios:  ## the solar control law on every scenario, beside a naive automation
	bash scripts/setup.sh && . scripts/lib.sh && $$(default_venv)/bin/python -m solar_sim

fuse-scenarios:  ## the main-fuse guard on every scenario, beside a naive guard
	bash scripts/setup.sh && . scripts/lib.sh && $$(default_venv)/bin/python -m fuse_sim

planner-scenarios:  ## the smart-charging planner on a year of prices, beside the baselines
	bash scripts/setup.sh && . scripts/lib.sh && $$(default_venv)/bin/python -m planner_sim

bench:  ## lektrico_local next to core lektrico at 1, 10 and 100 simulated chargers
	bash scripts/setup.sh && . scripts/lib.sh && $$(default_venv)/bin/python -m benchmarks \
		&& $$(default_venv)/bin/python -m benchmarks.fuse_latency
