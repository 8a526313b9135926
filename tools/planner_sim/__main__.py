"""Command line: `python -m planner_sim [--scenario NAME ...] [--seed N] [--json PATH]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from scenario_cli import ScenarioRunner

from .metrics import summarize
from .report import as_json, table
from .runner import run_named
from .scenarios import DEFAULT_SEED, SCENARIOS, Scenario


def compare(scenario: Scenario, seed: int) -> tuple[str, dict[str, Any]]:
    """The planner beside the three baselines on one scenario's year."""
    done = run_named(scenario.name, seed)
    summaries = {policy: summarize(sessions) for policy, sessions in done.results.items()}
    return table(done, summaries), as_json(done, summaries)


RUNNER = ScenarioRunner(
    prog="python -m planner_sim",
    description="Replay a year of prices and commutes through the smart-charging planner and "
    "three baselines, and print one table per scenario.",
    seed_help="for prices and commutes",
    default_seed=DEFAULT_SEED,
    scenarios=SCENARIOS,
    compare=compare,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scenarios named on the command line (all by default)."""
    return RUNNER.main(argv)


if __name__ == "__main__":
    sys.exit(main())
