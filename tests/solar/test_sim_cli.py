"""`python -m solar_sim`: one table per scenario, the baseline beside, seeded and repeatable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solar_sim.__main__ import main


def test_prints_a_table_per_scenario_with_the_baseline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Each chosen scenario prints a table beside the baseline, and the numbers go to JSON."""
    report = tmp_path / "report.json"

    assert main(["--scenario", "steady_6kw_3p", "--scenario", "kettle", "--json", str(report)]) == 0

    printed = capsys.readouterr().out
    assert printed.count("controller      baseline") == 2
    for label in (
        "starts per hour",
        "stops per hour",
        "shortest on period",
        "shortest off period",
        "writes per hour",
        "surplus into the car",
        "grid import / car energy",
    ):
        assert printed.count(label) == 2
    numbers = json.loads(report.read_text())
    assert sorted(numbers["scenarios"]) == ["kettle", "steady_6kw_3p"]
    steady = numbers["scenarios"]["steady_6kw_3p"]
    assert steady["controller"]["starts"] == 1
    assert set(steady) == {"description", "hours", "controller", "baseline"}


def test_the_same_seed_gives_the_same_numbers(tmp_path: Path) -> None:
    """The same seed gives the same numbers, another seed different ones."""
    first, second, other = (tmp_path / name for name in ("a.json", "b.json", "c.json"))

    main(["--scenario", "noisy_clouds", "--seed", "9", "--json", str(first)])
    main(["--scenario", "noisy_clouds", "--seed", "9", "--json", str(second)])
    main(["--scenario", "noisy_clouds", "--seed", "10", "--json", str(other)])

    assert first.read_text() == second.read_text()
    assert first.read_text() != other.read_text()
