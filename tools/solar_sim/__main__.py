"""Command line: `python -m solar_sim [--scenario NAME ...] [--seed N] [--json PATH]`."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from scenario_cli import ScenarioRunner

from .metrics import summarize
from .report import as_json, table
from .runner import PolicyKind, run
from .scenarios import DEFAULT_SEED, SCENARIOS, Scenario


def compare(scenario: Scenario, seed: int) -> tuple[str, dict[str, Any]]:
    """The control law beside its baseline on one scenario."""
    ours = summarize(run(scenario, PolicyKind.CONTROLLER, seed))
    baseline = summarize(run(scenario, PolicyKind.BASELINE, seed))
    return table(scenario, ours, baseline), as_json(scenario, ours, baseline)


RUNNER = ScenarioRunner(
    prog="python -m solar_sim",
    description="Replay grid traces through the solar-charging controller and a naive "
    "automation, and print one table per scenario.",
    seed_help="for noise and clouds",
    default_seed=DEFAULT_SEED,
    scenarios=SCENARIOS,
    compare=compare,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the scenarios named on the command line (all by default)."""
    return RUNNER.main(argv)


if __name__ == "__main__":
    sys.exit(main())
