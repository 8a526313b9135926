"""`python -m fuse_sim`: one table per scenario, the naive guard beside, seeded and repeatable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fuse_sim.__main__ import main


def test_prints_a_table_per_scenario_with_the_naive_guard(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "report.json"

    assert main(["--scenario", "kettle_1s", "--scenario", "steady_10s", "--json", str(report)]) == 0

    printed = capsys.readouterr().out
    assert printed.count("guard       naive") == 2
    for label in (
        "seconds above the rating",
        "later than meter + request",
        "worst overshoot",
        "cap changes per hour",
        "setpoints of 1-5 A",
        "car energy",
    ):
        assert printed.count(label) == 2
    numbers = json.loads(report.read_text())
    assert sorted(numbers["scenarios"]) == ["kettle_1s", "steady_10s"]
    kettle = numbers["scenarios"]["kettle_1s"]
    assert set(kettle) == {"description", "hours", "guard", "naive"}
    assert kettle["guard"]["late_seconds"] == 0
    assert kettle["guard"]["low_setpoints"] == 0


def test_the_same_seed_gives_the_same_numbers(tmp_path: Path) -> None:
    first, second, other = (tmp_path / name for name in ("a.json", "b.json", "c.json"))

    main(["--scenario", "solar_like", "--seed", "9", "--json", str(first)])
    main(["--scenario", "solar_like", "--seed", "9", "--json", str(second)])
    main(["--scenario", "solar_like", "--seed", "10", "--json", str(other)])

    assert first.read_text() == second.read_text()
    assert first.read_text() != other.read_text()
