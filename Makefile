.PHONY: setup test demo sim lint

setup:  ## one virtual environment per supported Home Assistant version
	bash scripts/setup.sh

test:  ## everything CI runs: lint, types, tests on every supported Home Assistant
	bash scripts/test.sh

demo:  ## the charger simulator (and, with the integration issue, Home Assistant)
	bash scripts/demo.sh

lint:
	bash scripts/setup.sh && . scripts/lib.sh && $$(default_venv)/bin/ruff format . && $$(default_venv)/bin/ruff check --fix .
