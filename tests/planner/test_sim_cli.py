"""`python -m planner_sim`: a table per scenario with the baselines beside, and its JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planner_sim import SCENARIOS, Policy, run
from planner_sim.__main__ import main


def test_prints_a_table_per_scenario_with_the_baselines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "report.json"

    names = ["commute_hourly", "small_needs_switching"]
    assert (
        main([arg for name in names for arg in ("--scenario", name)] + ["--json", str(report)]) == 0
    )

    printed = capsys.readouterr().out
    assert printed.count("planner      at plug-in  cheapest hours     lower bound") == 2
    for label in (
        "cost per car kWh (EUR)",
        "above the lower bound",
        "feasible departures met",
        "starts/session mean / max",
        "grid kWh",
        "solar kWh",
    ):
        assert printed.count(label) == 2
    numbers = json.loads(report.read_text())
    assert sorted(numbers["scenarios"]) == sorted(names)
    hourly = numbers["scenarios"]["commute_hourly"]
    assert set(hourly) == {
        "description",
        "resolution_minutes",
        "known_prices",
        "planner",
        "at_plug_in",
        "cheapest_hours",
        "lower_bound",
    }
    assert hourly["planner"]["met"] == hourly["planner"]["feasible"]


def test_the_same_seed_gives_the_same_year() -> None:
    scenario = SCENARIOS["small_needs_switching"]

    first, second, other = (run(scenario, seed, days=28) for seed in (3, 3, 4))

    assert len(first.results[Policy.PLANNER]) == 20  # four weeks of five nights
    assert first.results == second.results
    assert first.results != other.results
