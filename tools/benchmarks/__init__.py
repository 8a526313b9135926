"""Side-by-side benchmark: this integration (`lektrico_local`) against core `lektrico`.

`python -m benchmarks` runs, for each charger count N, one fresh worker process per
integration. A worker starts N simulated chargers in a child process (the "farm", so the
simulators' CPU and memory are not counted), builds a Home Assistant instance the way the
test harness does, sets the integration up for all N chargers and then drives it through the
same EV scenario in simulated time: every coordinator is refreshed at its own update interval,
but without waiting for it (see polling.py). The parent collects the results, compares them
and checks the issue's targets.

Modules, in the order a run uses them:

| module | what it holds |
| --- | --- |
| `__main__.py` | the command line |
| `config.py` | what a run is: integration, N, latency, duration, the EV scenario |
| `runner.py` | one worker process per (N, integration); the report's parts put together |
| `worker.py` | one run: farm, Home Assistant, setup, polling, commands, measurements |
| `farm.py` / `farm_client.py` | N simulators in a child process, and the worker's handle on them |
| `home_assistant.py` | a Home Assistant instance outside pytest, and config entries for it |
| `integrations.py` | what differs between the two integrations under test |
| `polling.py` | simulated time: refreshing each coordinator at its own update interval |
| `commands.py` | setting a current and waiting until the entity shows it |
| `probes.py` | process CPU time, resident memory, event-loop stalls |
| `results.py` | the dataclasses every number ends up in (and their JSON) |
| `report.py` | ratios, target checks and the printed table |
"""
